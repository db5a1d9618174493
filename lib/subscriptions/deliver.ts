import "server-only";
import http from "node:http";
import https from "node:https";
import nodemailer from "nodemailer";
import { config } from "../db/config";
import type { Message } from "./message";
import { checkWebhookUrl, outsideDomains, resolveWebhook } from "./safety";

/**
 * Sends a message where a subscription says. A failure throws an Error whose
 * message is plain words for the subscription's page: never a URL's path,
 * a token or a password.
 */
export class DeliveryError extends Error {
  override name = "DeliveryError";
}

const WEBHOOK_TIMEOUT_MS = 10_000;

export async function sendMail(to: readonly string[], message: Message, allowOtherDomains: boolean): Promise<void> {
  const c = config();
  if (!c.LOOKBACK_SMTP_URL) throw new DeliveryError("No mail server is configured (LOOKBACK_SMTP_URL).");
  const outside = outsideDomains(to, c.LOOKBACK_MAIL_DOMAINS);
  if (outside.length > 0 && !allowOtherDomains) {
    throw new DeliveryError(`${outside.join(", ")} is not on LOOKBACK_MAIL_DOMAINS, and no manager allowed it.`);
  }
  const transport = nodemailer.createTransport(c.LOOKBACK_SMTP_URL);
  try {
    await transport.sendMail({
      from: c.LOOKBACK_MAIL_FROM,
      to: [...to],
      subject: message.subject,
      text: message.text,
      html: message.html,
      attachments: [{ filename: message.filename, content: message.csv, contentType: "text/csv; charset=utf-8" }],
    });
  } catch (error) {
    throw new DeliveryError(`The mail could not be sent: ${mailFailure(error)}.`);
  } finally {
    transport.close();
  }
}

/** nodemailer's messages may quote the server's URL: say what happened from its code and the server's reply. */
function mailFailure(error: unknown): string {
  const e = error as { code?: string; responseCode?: number; response?: string };
  if (e.responseCode) return `the mail server answered ${e.response ?? e.responseCode}`;
  switch (e.code) {
    case "ECONNECTION":
    case "ESOCKET":
    case "ETIMEDOUT":
    case "EDNS":
      return "the mail server could not be reached";
    case "EAUTH":
      return "the mail server refused Lookback's user name or password";
    case "EENVELOPE":
      return "the mail server refused the sender or a recipient";
    case "ETLS":
      return "the secure connection to the mail server failed";
    default:
      return e.code ?? "the mail server failed";
  }
}

/**
 * Posts `{ "text": summary }`: the one body Slack, Microsoft Teams and
 * Mattermost incoming webhooks all accept (each shows the text, links
 * included). The connection goes to the address that was checked.
 */
export async function postWebhook(target: string, message: Message): Promise<void> {
  const allow = config().LOOKBACK_WEBHOOK_ALLOW;
  const checked = checkWebhookUrl(target, allow);
  if (!checked.ok) throw new DeliveryError(`The webhook ${checked.message}.`);
  const resolved = await resolveWebhook(checked.url, allow);
  if (!resolved.ok) throw new DeliveryError(`Not sent: ${resolved.message}.`);
  const body = JSON.stringify({ text: message.summary });
  const url = checked.url;
  const status = await new Promise<number>((resolve, reject) => {
    const request = (url.protocol === "https:" ? https : http).request(
      url,
      {
        method: "POST",
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
        timeout: WEBHOOK_TIMEOUT_MS,
        // Node asks for every address when it may try several (autoSelectFamily), else for one.
        lookup: (_host, options, callback) => {
          const done = callback as (e: null, address: unknown, family?: number) => void;
          if ((options as { all?: boolean }).all) done(null, [{ address: resolved.address, family: resolved.family }]);
          else done(null, resolved.address, resolved.family);
        },
      },
      (response) => {
        response.resume();
        response.on("end", () => resolve(response.statusCode ?? 0));
      },
    );
    request.on("timeout", () => request.destroy(new DeliveryError("The webhook did not answer within 10 s.")));
    request.on("error", (error) =>
      reject(
        error instanceof DeliveryError
          ? error
          : new DeliveryError(`The webhook could not be reached (${(error as { code?: string }).code ?? "error"}).`),
      ),
    );
    request.end(body);
  });
  if (status < 200 || status >= 300) throw new DeliveryError(`The webhook answered HTTP ${status}.`);
}
