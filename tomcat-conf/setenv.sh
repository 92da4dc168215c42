# PromptGate: $CATALINA_BASE/bin/setenv.sh, sourced by catalina.sh (Tomcat 10.1 and 11).
#
# POSIX sh. Values already present in the environment win over the defaults below, so a
# service manager (systemd Environment=/EnvironmentFile=) or the shell can override them.
# If you put secrets in this file, make it readable by the Tomcat user only (chmod 600).

# ---- PromptGate settings (see docs/deployment-tomcat.md) -------------------------------
# Data directory: SQLite database, action.log, generated secret key.
# Default when unset: $CATALINA_BASE/data/promptgate.
#export PROMPTGATE_HOME="${PROMPTGATE_HOME:-/var/lib/promptgate}"

# Declarative configuration (YAML or JSON) applied at start-up.
#export PROMPTGATE_CONFIG="${PROMPTGATE_CONFIG:-/etc/promptgate/promptgate.yaml}"

# Master key for the encryption of upstream API keys: base64 of 32 random bytes
# (e.g. `openssl rand -base64 32`). Unset: generated once into the data directory.
# Back it up with the data directory: without it stored upstream keys cannot be decrypted.
#export PROMPTGATE_SECRET_KEY="${PROMPTGATE_SECRET_KEY:-...}"

# Initial password of the user "admin" on the first start. Unset: a random one is
# printed once to the log.
#export PROMPTGATE_ADMIN_PASSWORD="${PROMPTGATE_ADMIN_PASSWORD:-...}"

# ---- Several nodes (see docs/deployment-cluster.md) ------------------------------------
# PostgreSQL through conf/Catalina/localhost/ROOT.xml = tomcat-conf/context-postgresql.xml:
#CATALINA_OPTS="${CATALINA_OPTS:-} -Dpromptgate.jdbc.url=jdbc:postgresql://db.internal:5432/promptgate -Dpromptgate.jdbc.user=promptgate"
# This node's name, appended to session ids so that the balancer keeps sessions on their node:
#CATALINA_OPTS="${CATALINA_OPTS:-} -DjvmRoute=a"
# Cluster-wide limits and change notices (a secret when it holds a password):
#export PROMPTGATE_REDIS_URL="${PROMPTGATE_REDIS_URL:-redis://redis.internal:6379}"

# ---- HTTP port -------------------------------------------------------------------------
# server.xml binds 127.0.0.1:${promptgate.http.port:-3001}. PROMPTGATE_HTTP_PORT=8080 moves it.
if [ -n "${PROMPTGATE_HTTP_PORT:-}" ]; then
  CATALINA_OPTS="${CATALINA_OPTS:-} -Dpromptgate.http.port=${PROMPTGATE_HTTP_PORT}"
fi

# ---- Container threads -----------------------------------------------------------------
# Gateway calls hold a container thread only while they are read or written (asynchronous
# servlets): 4 threads per core, at least 8, serve any load; more only take turns on the same
# cores. server.xml reads -Dpromptgate.http.threads. PROMPTGATE_HTTP_THREADS=N overrides it.
case " ${CATALINA_OPTS:-} " in
  *" -Dpromptgate.http.threads="*) ;;
  *)
    if [ -z "${PROMPTGATE_HTTP_THREADS:-}" ]; then
      # the cores this process may run on (nproc honours taskset and cgroup cpusets)
      PROMPTGATE_HTTP_THREADS=$(( $(nproc 2>/dev/null || getconf _NPROCESSORS_ONLN 2>/dev/null || echo 2) * 4 ))
      [ "$PROMPTGATE_HTTP_THREADS" -ge 8 ] || PROMPTGATE_HTTP_THREADS=8
    fi
    CATALINA_OPTS="${CATALINA_OPTS:-} -Dpromptgate.http.threads=${PROMPTGATE_HTTP_THREADS}"
    ;;
esac

# ---- JVM options -----------------------------------------------------------------------
# Heap: 1 GiB unless JAVA_OPTS or CATALINA_OPTS already set -Xmx.
case " ${JAVA_OPTS:-} ${CATALINA_OPTS:-} " in
  *" -Xmx"*) ;;
  *) CATALINA_OPTS="${CATALINA_OPTS:-} -Xms256m -Xmx1g" ;;
esac
# Headless, UTF-8 everywhere, and exit (so the service manager restarts Tomcat) rather than
# limp on after an OutOfMemoryError.
CATALINA_OPTS="${CATALINA_OPTS:-} -Djava.awt.headless=true -Dfile.encoding=UTF-8 -XX:+ExitOnOutOfMemoryError"
export CATALINA_OPTS
