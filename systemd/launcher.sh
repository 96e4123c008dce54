#!/bin/sh
# /usr/bin/pifan (installed by the Debian package and systemd/install.sh): runs the native binary
# when one is installed, else the JVM build. PIFAN_JAVA_OPTS are the JVM's flags: pifan.service
# sets the daemon's small-JVM ones; from a shell the JVM's defaults apply (the one-shot commands
# want its JIT), and `PIFAN_JAVA_OPTS="..." pifan run` runs by hand as the unit does.
[ -x /usr/lib/pifan/pifan-native ] && exec /usr/lib/pifan/pifan-native "$@"
# shellcheck disable=SC2086 # the flags are words
exec java ${PIFAN_JAVA_OPTS:-} -jar /usr/share/pifan/pifan.jar "$@"
