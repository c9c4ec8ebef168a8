// Nginx in front of the bench's app servers, as in deploy/nginx-zjb.conf (decision 105): one upstream of both
// servers (round robin, keepalive), the deploy file's own gzip lines, no TLS. Debian's nginx (`apt-get install
// nginx-light`); the bench says so and stops when it is missing.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { root } from "../../scripts/lib/db.mjs";

const NGINX = ["/usr/sbin/nginx", "/usr/bin/nginx"].find((p) => existsSync(p));

/** The gzip directives of deploy/nginx-zjb.conf, so that the bench compresses as the deployment does. */
export function deployGzipLines() {
  const lines = readFileSync(path.join(root, "deploy/nginx-zjb.conf"), "utf8").split("\n").map((l) => l.trim()).filter((l) => /^gzip(_\w+)?\s/.test(l));
  if (!lines.some((l) => /^gzip\s+on;/.test(l))) throw new Error("deploy/nginx-zjb.conf has no `gzip on;`");
  return lines;
}

/** Starts nginx on `port` in front of `upstreamPorts`; returns its base URL and a stop function. */
export async function startNginx(port, upstreamPorts) {
  if (!NGINX) throw new Error("BENCH_MIXED_PROXY=nginx needs nginx: apt-get install -y nginx-light");
  const dir = mkdtempSync(path.join(os.tmpdir(), "zjb-bench-nginx-"));
  const conf = path.join(dir, "nginx.conf");
  writeFileSync(conf, `
daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 4096; }
http {
  include /etc/nginx/mime.types;
  access_log off;
  client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy; fastcgi_temp_path ${dir}/fcgi; uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi;
  upstream zjb { ${upstreamPorts.map((p) => `server 127.0.0.1:${p};`).join(" ")} keepalive 32; }
  server {
    listen 127.0.0.1:${port};
    client_max_body_size 25m;
    ${deployGzipLines().join("\n    ")}
    location / {
      proxy_pass http://zjb;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_buffering off;
      proxy_read_timeout 120s;
    }
  }
}
`);
  const test = spawnSync(NGINX, ["-t", "-c", conf, "-p", dir], { encoding: "utf8" });
  if (test.status !== 0) throw new Error(`nginx -t failed:\n${test.stderr}`);
  const child = spawn(NGINX, ["-c", conf, "-p", dir], { stdio: "ignore", detached: true });
  return {
    base: `http://127.0.0.1:${port}`,
    child,
    stop() {
      try { process.kill(-child.pid, "SIGQUIT"); } catch { /* gone */ }
      setTimeout(() => rmSync(dir, { recursive: true, force: true }), 2000).unref();
    },
  };
}
