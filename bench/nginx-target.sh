# shellcheck shell=bash
# A loopback nginx target for the load harnesses: one worker on 127.0.0.1, every path answered
# 200 with the same ~300-byte JSON, no access log. Source this file, then
#
#   nginx_target_start WORK_DIR PORT    # writes WORK_DIR/nginx.conf, starts nginx in the
#                                       # background, waits until PORT accepts, sets NGINX_PID
#   nginx_target_stop                   # stops it by NGINX_PID (safe to call twice, or unstarted)
#
# Call nginx_target_stop from the caller's EXIT trap so nginx goes however the script ends.
# nginx must be installed (Debian: apt-get install nginx). nginx_target_start returns 69 when
# nginx does not start or PORT never accepts (port busy?), with the reason on stderr.

NGINX_PID=""

# The answer, 306 bytes: a model's prediction with some padding.
NGINX_TARGET_BODY='{"id":"req-000001","label":"approve","score":0.8731,"model":"2.3.1","features":[0.12,0.56,0.91,0.33,0.47,0.08,0.64,0.29],"explanation":{"top":["f3","f2","f5"],"weights":[0.41,0.27,0.12]},"servedAt":"2026-11-26T20:00:00Z","traceId":"0af7651916cd43dd8448eb211c80319c","padding":"xxxxxxxxxxxxxxxxxxxxxxxxxxx"}'

nginx_target_start() {
  local work="$1" port="$2"
  mkdir -p "$work"
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "nginx-target: 127.0.0.1:$port already accepts connections (another server?); choose another port" >&2
    return 69
  fi
  cat > "$work/nginx.conf" <<CONF
worker_processes 1;
daemon off;
pid $work/nginx.pid;
error_log $work/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $work/body;
  proxy_temp_path $work/proxy;
  fastcgi_temp_path $work/fcgi;
  uwsgi_temp_path $work/uwsgi;
  scgi_temp_path $work/scgi;
  keepalive_requests 100000000;
  server {
    listen 127.0.0.1:$port;
    location / { default_type application/json; return 200 '$NGINX_TARGET_BODY'; }
  }
}
CONF
  nginx -c "$work/nginx.conf" -p "$work" &
  NGINX_PID=$!
  local _
  for _ in $(seq 50); do
    kill -0 "$NGINX_PID" 2>/dev/null || break
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  echo "nginx-target: nginx did not start or does not accept on 127.0.0.1:$port (port busy? see $work/error.log)" >&2
  nginx_target_stop
  return 69
}

nginx_target_stop() {
  if [[ -n "$NGINX_PID" ]]; then
    kill "$NGINX_PID" 2>/dev/null || true
    wait "$NGINX_PID" 2>/dev/null || true
    NGINX_PID=""
  fi
}
