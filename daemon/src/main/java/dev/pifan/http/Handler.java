package dev.pifan.http;

/** Answers one request; called on the server's one thread, so it must not block. */
@FunctionalInterface
public interface Handler {
    Response handle(RequestHead request);
}
