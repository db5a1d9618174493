import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { ROLE_COOKIE } from "../app/http";

/**
 * The yardstick for a cached answer: a bare Node `http` server, one process,
 * answering every request with the very bytes (and content type) Lookback
 * sent for it. Started on the app's own port once the app has stopped, so
 * the bench uses no port it was not given.
 */
export interface BareServer {
  pid: number;
  baseUrl: string;
  stop(): Promise<void>;
}

/** The bytes Lookback answers `pathAndQuery` with (no compression asked, as autocannon asks none). */
export async function answerBytes(baseUrl: string, pathAndQuery: string): Promise<{ body: Buffer; type: string }> {
  const response = await fetch(baseUrl + pathAndQuery, {
    headers: { cookie: ROLE_COOKIE, "accept-encoding": "identity" },
  });
  if (!response.ok) throw new Error(`HTTP ${response.status} for ${pathAndQuery}`);
  return { body: Buffer.from(await response.arrayBuffer()), type: response.headers.get("content-type") ?? "" };
}

const SERVER = `
const http = require("node:http");
const fs = require("node:fs");
const body = fs.readFileSync(process.env.BARE_BODY);
const headers = { "content-type": process.env.BARE_TYPE, "content-length": String(body.length) };
http.createServer((req, res) => { res.writeHead(200, headers); res.end(body); })
  .listen(Number(process.env.BARE_PORT), "127.0.0.1", () => process.stdout.write("ready\\n"));
`;

export async function startBare(port: number, bytes: { body: Buffer; type: string }): Promise<BareServer> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "lookback-bare-"));
  const file = path.join(dir, "body");
  await writeFile(file, bytes.body);
  const child: ChildProcess = spawn(process.execPath, ["-e", SERVER], {
    env: { ...process.env, BARE_BODY: file, BARE_TYPE: bytes.type, BARE_PORT: String(port) },
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout?.once("data", () => resolve());
    child.once("exit", (code) => reject(new Error(`the bare server exited with ${code}`)));
  });
  return {
    pid: child.pid as number,
    baseUrl: `http://127.0.0.1:${port}`,
    async stop() {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
}
