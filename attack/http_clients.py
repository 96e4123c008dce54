#!/usr/bin/env python3
"""Misbehaving HTTP clients for the attack suite (attack/README.md), loopback only.

Every mode is bounded in count and time and prints one line of figures (key=value) on stdout.

  partial PORT COUNT            COUNT connections that send half a request line, then close
  slow PORT COUNT SECONDS       COUNT connections dribbling header bytes (one byte each 0.5 s per
                                connection), reconnecting when the server closes one, for SECONDS
  hold PORT COUNT SECONDS       like slow, but without dribbling: connect, send half a request, sit
  raw PORT PAYLOAD [SECONDS]    sends PAYLOAD (Python escapes: \\r \\n \\x00) and prints what came back
  big-header PORT BYTES         a GET whose one header is BYTES long; prints the status (or how it ended)
  big-body PORT BYTES           a POST with a BYTES body, sent while reading; prints the status
"""
import codecs
import selectors
import socket
import sys
import time

HOST = "127.0.0.1"
PARTIAL = b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Half: "


def connect(port, timeout=2.0):
    s = socket.create_connection((HOST, port), timeout=timeout)
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return s


def partial(port, count):
    sent = failed = 0
    for _ in range(count):
        try:
            s = connect(port)
            s.sendall(PARTIAL)
            s.close()
            sent += 1
        except OSError:
            failed += 1
    print(f"partial_sent={sent} partial_failed={failed}")


def dribble(port, count, seconds, drip):
    """Keeps up to COUNT connections open for SECONDS; with drip, each sends one more header byte
    every 0.5 s. A connection the server closes is opened again (bounded by the deadline)."""
    deadline = time.monotonic() + seconds
    sel = selectors.DefaultSelector()
    opened = closed_by_server = refused = 0
    live = {}

    def open_one():
        nonlocal opened, refused
        try:
            s = socket.socket()
            s.setblocking(False)
            s.connect_ex((HOST, port))
            live[s] = 0
            sel.register(s, selectors.EVENT_READ)
            opened += 1
            return s
        except OSError:
            refused += 1
            return None

    for _ in range(count):
        open_one()
    next_drip = time.monotonic()
    while time.monotonic() < deadline:
        for key, _ in sel.select(timeout=0.1):
            s = key.fileobj
            try:
                data = s.recv(4096)
            except OSError:
                data = b""
            if not data:  # the server closed it (a timeout or a refusal): open another
                sel.unregister(s)
                s.close()
                del live[s]
                closed_by_server += 1
                if time.monotonic() < deadline and opened < count * 200:
                    open_one()
        if time.monotonic() >= next_drip:
            next_drip += 0.5
            for s in list(live):
                sent = live[s]
                chunk = PARTIAL[sent:sent + 1] if drip and sent < len(PARTIAL) else b""
                if sent == 0:
                    chunk = PARTIAL[:8]  # the start of a request line, so the server sees a request
                if drip and sent >= len(PARTIAL):
                    chunk = b"a"  # an endless header value
                if chunk:
                    try:
                        live[s] = sent + s.send(chunk)
                    except OSError:
                        pass
        while len(live) < count and opened < count * 200 and time.monotonic() < deadline:  # bounded reconnects
            if open_one() is None:
                break
    for s in list(live):
        s.close()
    print(f"opened={opened} closed_by_server={closed_by_server} refused={refused}")


def raw(port, payload, seconds=3.0):
    s = connect(port, timeout=seconds)
    try:
        s.sendall(payload)
        chunks = []
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            try:
                data = s.recv(65536)
            except OSError:  # a timeout or a reset: what came back so far is the answer
                break
            if not data:
                break
            chunks.append(data)
        sys.stdout.write(b"".join(chunks).decode("latin-1"))
    finally:
        s.close()


def status_of(s, seconds):
    s.settimeout(seconds)
    data = b""
    try:
        while b"\n" not in data:
            more = s.recv(4096)
            if not more:
                break
            data += more
    except socket.timeout:
        return "timeout"
    except OSError as e:
        return "reset" if not data else data.split(b" ")[1].decode()
    if not data:
        return "closed"
    return data.split(b" ")[1].decode("latin-1")


def big_header(port, size):
    s = connect(port)
    status = "?"
    try:
        s.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ")
        chunk = b"a" * 4096
        sent = 0
        s.settimeout(5)
        while sent < size:
            try:
                sent += s.send(chunk[: min(len(chunk), size - sent)])
            except OSError:
                break
        try:
            s.sendall(b"\r\n\r\n")
        except OSError:
            pass
        status = status_of(s, 5)
    finally:
        s.close()
    print(f"header_bytes={size} status={status}")


def big_body(port, size):
    s = connect(port)
    status = "?"
    try:
        s.sendall(b"POST /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: %d\r\n\r\n" % size)
        chunk = b"b" * 65536
        sent = 0
        s.settimeout(5)
        while sent < size:
            try:
                sent += s.send(chunk[: min(len(chunk), size - sent)])
            except OSError:
                break
        status = status_of(s, 5)
    finally:
        s.close()
    print(f"body_bytes={size} status={status}")


def main(argv):
    mode, port = argv[1], int(argv[2])
    if mode == "partial":
        partial(port, int(argv[3]))
    elif mode == "slow":
        dribble(port, int(argv[3]), float(argv[4]), drip=True)
    elif mode == "hold":
        dribble(port, int(argv[3]), float(argv[4]), drip=False)
    elif mode == "raw":
        raw(port, codecs.escape_decode(argv[3].encode())[0], float(argv[4]) if len(argv) > 4 else 3.0)
    elif mode == "big-header":
        big_header(port, int(argv[3]))
    elif mode == "big-body":
        big_body(port, int(argv[3]))
    else:
        sys.exit(f"http_clients.py: unknown mode {mode}")


if __name__ == "__main__":
    main(sys.argv)
