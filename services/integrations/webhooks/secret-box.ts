import { createCipheriv, createDecipheriv, createHmac } from 'node:crypto';

/**
 * Webhook secrets must be readable by the delivery worker (an HMAC needs the secret itself), and registration is an
 * event, so the secret is stored in the event sealed: AES-256-GCM under a key derived from the server's root secret
 * (the reporter-pseudonym key, itself derived from JWT_SECRET; both the API and the projector can derive it).
 * Changing JWT_SECRET therefore makes existing webhooks unreadable: register them again.
 * The IV is synthetic (an HMAC of the webhook id and the secret), so sealing is deterministic: a retried registration
 * with the same idempotency key is the same command, and two different secrets never share an IV.
 * Format: `v1.<iv>.<tag>.<ciphertext>`, base64url parts.
 */
const PURPOSE = 'dlxh/webhook-secret/v1';

export class SecretBox {
  private readonly key: Buffer;

  constructor(rootSecret: string) {
    this.key = createHmac('sha256', rootSecret).update(PURPOSE).digest();
  }

  /** Seals `secret` for the webhook `context` (its id). */
  seal(secret: string, context: string): string {
    const iv = createHmac('sha256', this.key).update(`iv\0${context}\0${secret}`).digest().subarray(0, 12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return ['v1', iv, cipher.getAuthTag(), sealed].map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join('.');
  }

  /** A keyed fingerprint of a secret: lets people tell secrets apart without revealing anything about them. */
  fingerprint(secret: string): string {
    return createHmac('sha256', this.key).update(`fingerprint\0${secret}`).digest('hex').slice(0, 12);
  }

  /** The secret, or an Error when it was sealed under another key or altered. */
  open(sealed: string): string {
    const [version, iv, tag, data] = sealed.split('.');
    if (version !== 'v1' || !iv || !tag || data === undefined) throw new Error('not a sealed webhook secret');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
  }
}
