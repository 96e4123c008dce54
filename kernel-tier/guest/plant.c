/*
 * The kernel tier's closed loop: the reference thermal model (docs/thermal-model.md, the plant
 * the simulator implements) driven by what the fan *really* gets, read back from the kernel.
 *
 * Every 100 ms (the model's integration step) it reads the fan's setting where the kernel keeps
 * it (hwmon pwm1, a gpio-sim line, a register of the i2c-stub chip) and integrates one step with
 * it; every second it writes the die temperature, quantised to the sensor's 0.5 C, to the zone's
 * emul_temp (so that the kernel's governor and pifan see the same temperature), asks pifan's
 * /status what it commanded, and writes one CSV row. The tier's run script judges those rows.
 *
 *   plant --profile pi4|pi5|cm4 --trace FILE --seconds N --zone DIR --fan SPEC --out CSV
 *         [--cdev DIR] [--status HOST:PORT] [--tach BUS:ADDR]
 *   plant --replay CSV --profile P --trace FILE   (host: replays a duty column, prints die_c)
 *
 * Fan SPECs: hwmon:PATH (0..255), gpio:PATH (0/1), i2c:BUS:ADDR:REG:FULL (register/FULL),
 * argon-legacy:BUS:ADDR (the stub's pointer, see argon_legacy_duty), pwm:DEVICE:CHANNEL (the
 * PWM core's own state of that channel in debugfs, see pwm_debugfs_duty).
 * Built statically with aarch64-linux-gnu-gcc by build-rootfs.sh; with the host's gcc for the
 * replay check (PlantReplayTest compares it with `pifan simulate --csv`).
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/i2c-dev.h>
#include <linux/i2c.h>
#include <math.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define DT 0.1
#define TAU_FAN 2.0

struct profile {
    const char *name;
    double p_idle, p_max, c_die, r_ds, c_sink, g_passive, g_fan, rpm_max, d_start, d_stop;
};

static const struct profile PROFILES[] = {
    {"pi4", 2.7, 6.4, 3.0, 1.5, 60, 0.154, 0.346, 9000, 0.30, 0.20},
    {"pi5", 3.0, 8.5, 3.0, 1.0, 70, 0.154, 0.246, 8500, 0.25, 0.15},
    {"cm4", 2.0, 5.5, 2.5, 1.5, 40, 0.0952, 0.305, 5000, 0.20, 0.12},
};
static const double PHI[] = {1.0, 1000.0 / 1500, 750.0 / 1500, 600.0 / 1500};

struct plant {
    const struct profile *p;
    double t_die, t_sink, rpm;
    int level, running;
};

struct trace {
    int n;
    double time[4096], load[4096], ambient[4096];
};

static void die(const char *what) {
    fprintf(stderr, "plant: %s: %s\n", what, strerror(errno));
    exit(2);
}

static void load_trace(const char *path, struct trace *t) {
    FILE *f = fopen(path, "r");
    char line[256];
    if (!f) die(path);
    t->n = 0;
    if (!fgets(line, sizeof line, f)) die("empty trace");
    while (t->n < 4096 && fgets(line, sizeof line, f)) {
        if (sscanf(line, "%lf,%lf,%lf", &t->time[t->n], &t->load[t->n], &t->ambient[t->n]) == 3) t->n++;
    }
    fclose(f);
    if (t->n == 0) { errno = EINVAL; die("trace without rows"); }
}

/* the last row whose time_s <= k */
static int row_at(const struct trace *t, int k) {
    int i = 0;
    while (i + 1 < t->n && t->time[i + 1] <= k) i++;
    return i;
}

static void start(struct plant *s, const struct profile *p, double load, double ambient) {
    double p0 = p->p_idle + (p->p_max - p->p_idle) * load;
    s->p = p;
    s->t_sink = ambient + p0 / p->g_passive;
    s->t_die = s->t_sink + p0 * p->r_ds;
    s->rpm = 0;
    s->level = 0;
    s->running = 0;
}

static void firmware(struct plant *s) {
    if (s->t_die >= 85) s->level = 3;
    else if (s->t_die >= 80) s->level = s->level < 3 ? s->level + 1 : 3;
    else if (s->t_die < 78 && s->level > 0) s->level--;
}

static double sensor(const struct plant *s) {
    return floor(s->t_die / 0.5 + 0.5) * 0.5;
}

static void step(struct plant *s, double duty, double load, double ambient) {
    const struct profile *p = s->p;
    if (s->running && duty < p->d_stop) s->running = 0;
    else if (!s->running && duty >= p->d_start) s->running = 1;
    double target = s->running ? p->rpm_max * duty : 0;
    s->rpm += (target - s->rpm) * DT / TAU_FAN;
    double phi = PHI[s->level];
    double power = p->p_idle + (p->p_max - p->p_idle) * load * pow(phi, 1.5);
    double g = p->g_passive + p->g_fan * pow(s->rpm / p->rpm_max, 0.8);
    double q = (s->t_die - s->t_sink) / p->r_ds;
    double die_next = s->t_die + DT * (power - q) / p->c_die;
    s->t_sink += DT * (q - g * (s->t_sink - ambient)) / p->c_sink;
    s->t_die = die_next;
}

static const struct profile *profile_named(const char *name) {
    for (size_t i = 0; i < sizeof PROFILES / sizeof PROFILES[0]; i++)
        if (strcmp(PROFILES[i].name, name) == 0) return &PROFILES[i];
    fprintf(stderr, "plant: profile '%s' is not one of pi4, pi5, cm4\n", name);
    exit(2);
}

/* --- reading the fan where the kernel keeps it */

static long read_long(const char *path) {
    char buf[64];
    int fd = open(path, O_RDONLY);
    if (fd < 0) return -1;
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    if (n <= 0) return -1;
    buf[n] = 0;
    return strtol(buf, NULL, 0);
}

static int write_text(const char *path, const char *text) {
    int fd = open(path, O_WRONLY);
    if (fd < 0) return -1;
    ssize_t n = write(fd, text, strlen(text));
    close(fd);
    return n < 0 ? -1 : 0;
}

static int i2c_open(int bus, int addr) {
    char dev[32];
    snprintf(dev, sizeof dev, "/dev/i2c-%d", bus);
    int fd = open(dev, O_RDWR);
    if (fd < 0) return -1;
    /* FORCE: the plant is the chip itself, and reads it even where a kernel driver claims it */
    if (ioctl(fd, I2C_SLAVE_FORCE, addr) < 0) { close(fd); return -1; }
    return fd;
}

static int smbus(int fd, char rw, unsigned char cmd, int size, union i2c_smbus_data *data) {
    struct i2c_smbus_ioctl_data args = {.read_write = rw, .command = cmd, .size = size, .data = data};
    return ioctl(fd, I2C_SMBUS, &args);
}

static int reg_read(int fd, unsigned char reg) {
    union i2c_smbus_data d;
    return smbus(fd, I2C_SMBUS_READ, reg, I2C_SMBUS_BYTE_DATA, &d) < 0 ? -1 : d.byte;
}

static void reg_write(int fd, unsigned char reg, unsigned char value) {
    union i2c_smbus_data d = {.byte = value};
    smbus(fd, I2C_SMBUS_WRITE, reg, I2C_SMBUS_BYTE_DATA, &d);
}

/*
 * The legacy Argon ONE protocol writes one bare byte, the duty in percent (no register). In
 * i2c-stub that byte sets the chip's pointer and nothing else; the test presets register k to k
 * (0..100), so a receive-byte returns the pointer: the last duty written.
 */
static int argon_legacy_duty(int fd) {
    union i2c_smbus_data d;
    if (smbus(fd, I2C_SMBUS_READ, 0, I2C_SMBUS_BYTE, &d) < 0) return -1;
    /* the read moved the pointer on: put it back where pifan left it */
    smbus(fd, I2C_SMBUS_WRITE, d.byte, I2C_SMBUS_BYTE, NULL);
    return d.byte;
}

/*
 * What a PWM channel outputs, as the PWM core itself reports it in /sys/kernel/debug/pwm
 * (drivers/pwm/core.c, pwm_seq_show and pwm_dbg_show): a header "N: BUS/DEVICE, K PWM devices",
 * then one line per channel " pwm-C (label): requested enabled period: P ns duty: D ns polarity:
 * normal|inverse". A disabled channel outputs nothing: duty 0, whatever its duty_cycle says.
 */
static double pwm_debugfs_duty(const char *device, int channel) {
    FILE *f = fopen("/sys/kernel/debug/pwm", "r");
    char line[256], header[208], want[32];
    int in_chip = 0;
    double duty = -1;
    if (!f) return -1;
    snprintf(header, sizeof header, "/%s,", device);
    snprintf(want, sizeof want, " pwm-%-3d ", channel);
    while (fgets(line, sizeof line, f)) {
        if (line[0] != ' ') { in_chip = strstr(line, header) != NULL; continue; }
        if (!in_chip || strncmp(line, want, strlen(want)) != 0) continue;
        char *p = strstr(line, "period: "), *d = strstr(line, "duty: ");
        double period = p ? strtod(p + 8, NULL) : 0, on = d ? strtod(d + 6, NULL) : 0;
        if (period <= 0) { duty = 0; break; }
        duty = strstr(line, " enabled") ? on / period : 0;
        if (strstr(line, "polarity: inverse") && strstr(line, " enabled")) duty = 1 - duty;
        break;
    }
    fclose(f);
    return duty;
}

struct fan {
    char kind[16];
    char path[200];
    int fd, reg, channel;
    double full;
};

static void fan_parse(struct fan *f, const char *spec) {
    int bus, addr, reg, full;
    memset(f, 0, sizeof *f);
    f->fd = -1;
    if (strncmp(spec, "hwmon:", 6) == 0) {
        strcpy(f->kind, "hwmon"); snprintf(f->path, sizeof f->path, "%s", spec + 6); f->full = 255;
    } else if (strncmp(spec, "gpio:", 5) == 0) {
        strcpy(f->kind, "gpio"); snprintf(f->path, sizeof f->path, "%s", spec + 5); f->full = 1;
    } else if (sscanf(spec, "i2c:%d:%i:%i:%d", &bus, &addr, &reg, &full) == 4) {
        strcpy(f->kind, "i2c"); f->fd = i2c_open(bus, addr); f->reg = reg; f->full = full;
        if (f->fd < 0) die(spec);
    } else if (sscanf(spec, "argon-legacy:%d:%i", &bus, &addr) == 2) {
        strcpy(f->kind, "argon"); f->fd = i2c_open(bus, addr); f->full = 100;
        if (f->fd < 0) die(spec);
    } else if (sscanf(spec, "pwm:%199[^:]:%d", f->path, &f->channel) == 2) {
        strcpy(f->kind, "pwm");
    } else {
        fprintf(stderr, "plant: fan '%s' is not hwmon:PATH, gpio:PATH, i2c:BUS:ADDR:REG:FULL, argon-legacy:BUS:ADDR"
                " or pwm:DEVICE:CHANNEL\n", spec);
        exit(2);
    }
}

/* the fan's setting as a duty 0..1, or -1 when it cannot be read */
static double fan_duty(struct fan *f) {
    long raw;
    if (strcmp(f->kind, "pwm") == 0) return pwm_debugfs_duty(f->path, f->channel);
    if (strcmp(f->kind, "i2c") == 0) raw = reg_read(f->fd, f->reg);
    else if (strcmp(f->kind, "argon") == 0) raw = argon_legacy_duty(f->fd);
    else raw = read_long(f->path);
    if (raw < 0) return -1;
    double duty = raw / f->full;
    return duty > 1 ? 1 : duty;
}

/* --- what pifan says it commanded: "duty" of GET /status, or -1; and in *driven what it says the
 * fan has ("duty_driven": the driver's step), or -1 */

static double pifan_duty(const char *host, int port, long *tick, double *driven) {
    char buf[8192];
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(port)};
    struct timeval tv = {.tv_sec = 0, .tv_usec = 500000};
    int fd = socket(AF_INET, SOCK_STREAM, 0), len = 0, n;
    inet_pton(AF_INET, host, &a.sin_addr);
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    if (connect(fd, (struct sockaddr *)&a, sizeof a) < 0) { close(fd); return -1; }
    const char *req = "GET /status HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n";
    if (write(fd, req, strlen(req)) < 0) { close(fd); return -1; }
    while (len < (int)sizeof buf - 1 && (n = read(fd, buf + len, sizeof buf - 1 - len)) > 0) len += n;
    close(fd);
    buf[len] = 0;
    /* the tick's own "duty" comes after "tick" (the curve's points have one each before it) */
    char *t = strstr(buf, "\"tick\":"), *d = t ? strstr(t, "\"duty\":") : NULL;
    char *v = t ? strstr(t, "\"duty_driven\":") : NULL;
    *driven = v && strncmp(v + 14, "null", 4) != 0 ? strtod(v + 14, NULL) : -1;
    if (!d || strncmp(d + 7, "null", 4) == 0) return -1;
    *tick = strtol(t + 7, NULL, 10);
    return strtod(d + 7, NULL);
}

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void sleep_until(double t) {
    double left = t - now();
    if (left > 0) {
        struct timespec ts = {.tv_sec = (time_t)left, .tv_nsec = (long)((left - (time_t)left) * 1e9)};
        nanosleep(&ts, NULL);
    }
}

/* host mode: replay the duty column of a `pifan simulate --csv` file, print time_s,die_c */
static int replay(const char *csv, const struct profile *p, const struct trace *t) {
    FILE *f = fopen(csv, "r");
    char line[512];
    struct plant s;
    if (!f) die(csv);
    if (!fgets(line, sizeof line, f)) die("empty csv");
    int r0 = row_at(t, 0);
    start(&s, p, t->load[r0], t->ambient[r0]);
    printf("time_s,die_c\n");
    for (int k = 0; fgets(line, sizeof line, f); k++) {
        double v[6];
        if (sscanf(line, "%lf,%lf,%lf,%lf,%lf,%lf", &v[0], &v[1], &v[2], &v[3], &v[4], &v[5]) != 6) break;
        int r = row_at(t, k);
        firmware(&s);
        for (int i = 0; i < 10; i++) step(&s, v[5], t->load[r], t->ambient[r]);
        printf("%d,%.4f\n", k + 1, s.t_die);
    }
    fclose(f);
    return 0;
}

int main(int argc, char **argv) {
    const char *profile = "pi5", *trace_file = NULL, *zone = NULL, *fan_spec = NULL, *out = NULL;
    const char *cdev = NULL, *status = "127.0.0.1:9780", *replay_csv = NULL, *tach = NULL;
    int seconds = 60;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!strcmp(argv[i], "--profile")) profile = argv[i + 1];
        else if (!strcmp(argv[i], "--trace")) trace_file = argv[i + 1];
        else if (!strcmp(argv[i], "--seconds")) seconds = atoi(argv[i + 1]);
        else if (!strcmp(argv[i], "--zone")) zone = argv[i + 1];
        else if (!strcmp(argv[i], "--fan")) fan_spec = argv[i + 1];
        else if (!strcmp(argv[i], "--out")) out = argv[i + 1];
        else if (!strcmp(argv[i], "--cdev")) cdev = argv[i + 1];
        else if (!strcmp(argv[i], "--status")) status = argv[i + 1];
        else if (!strcmp(argv[i], "--tach")) tach = argv[i + 1];
        else if (!strcmp(argv[i], "--replay")) replay_csv = argv[i + 1];
        else { fprintf(stderr, "plant: unknown option %s\n", argv[i]); return 2; }
    }
    static struct trace t;
    if (!trace_file) { fprintf(stderr, "plant: --trace is required\n"); return 2; }
    load_trace(trace_file, &t);
    const struct profile *p = profile_named(profile);
    if (replay_csv) return replay(replay_csv, p, &t);
    if (!zone || !fan_spec || !out) { fprintf(stderr, "plant: --zone, --fan and --out are required\n"); return 2; }

    struct fan fan;
    fan_parse(&fan, fan_spec);
    int tach_fd = -1, tach_bus, tach_addr;
    if (tach && sscanf(tach, "%d:%i", &tach_bus, &tach_addr) == 2 && (tach_fd = i2c_open(tach_bus, tach_addr)) < 0) die(tach);
    char host[64] = "127.0.0.1";
    int port = 9780;
    sscanf(status, "%63[^:]:%d", host, &port);
    char emul[256], state[256], trans[256], text[32];
    snprintf(emul, sizeof emul, "%s/emul_temp", zone);
    snprintf(state, sizeof state, "%s/cur_state", cdev ? cdev : "/nonexistent");
    snprintf(trans, sizeof trans, "%s/stats/total_trans", cdev ? cdev : "/nonexistent");
    FILE *csv = fopen(out, "w");
    if (!csv) die(out);
    fprintf(csv, "time_s,load,die_c,sensor_c,fan_min,fan_max,fan_end,pifan_duty,pifan_tick,cdev_state,cdev_trans,"
                 "pifan_driven\n");

    struct plant s;
    int r0 = row_at(&t, 0);
    start(&s, p, t.load[r0], t.ambient[r0]);
    double t0 = now();
    for (int k = 0; k < seconds; k++) {
        int r = row_at(&t, k);
        firmware(&s);
        snprintf(text, sizeof text, "%ld", (long)(sensor(&s) * 1000));
        if (write_text(emul, text) < 0) die(emul);
        double lo = 2, hi = -1, duty = 0;
        for (int i = 0; i < 10; i++) {
            sleep_until(t0 + k + i * DT);
            duty = fan_duty(&fan);
            if (duty < 0) duty = 0; /* unreadable: count as stopped, the hot side */
            lo = duty < lo ? duty : lo;
            hi = duty > hi ? duty : hi;
            step(&s, duty, t.load[r], t.ambient[r]);
        }
        if (tach_fd >= 0) {
            /* EMC230x tach: count = 7864320 / rpm, in the top 13 bits of TACH_HIGH:TACH_LOW (0x3E/0x3F) */
            int count = s.rpm >= 1 ? (int)(7864320 / s.rpm) : 0x1fff;
            count = count > 0x1fff ? 0x1fff : count;
            reg_write(tach_fd, 0x3e, (count << 3) >> 8);
            reg_write(tach_fd, 0x3f, (count << 3) & 0xff);
        }
        long tick = -1;
        double driven = -1;
        double commanded = pifan_duty(host, port, &tick, &driven);
        fprintf(csv, "%d,%.2f,%.3f,%.1f,%.4f,%.4f,%.4f,%.4f,%ld,%ld,%ld,%.4f\n", k + 1, t.load[r], s.t_die, sensor(&s),
                lo, hi, duty, commanded, tick, read_long(state), read_long(trans), driven);
        fflush(csv);
    }
    fclose(csv);
    return 0;
}
