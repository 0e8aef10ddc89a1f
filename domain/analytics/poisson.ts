/**
 * The Poisson upper tail, for counts that may be weighted (non-integer): P(X ≥ k) for X ~ Poisson(μ) is the
 * regularized lower incomplete gamma function P(k, μ), which is defined for any real k > 0. It is computed in log
 * space, so tails far below 1e-300 still give a finite score.
 */

/** ln Γ(x) for x > 0 (Lanczos, g = 7, n = 9; about 15 significant digits). */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012,
    9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  const z = x - 1;
  let sum = c[0];
  for (let i = 1; i < 9; i++) sum += c[i] / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** ln P(a, x), the log of the regularized lower incomplete gamma function (a > 0, x ≥ 0). */
export function logLowerRegularizedGamma(a: number, x: number): number {
  if (!(a > 0)) throw new RangeError('a must be positive');
  if (x <= 0) return -Infinity;
  const logPrefix = a * Math.log(x) - x - logGamma(a);
  if (x < a + 1) {
    // Series: P(a, x) = e^{-x} x^a / Γ(a) · Σ x^n / (a (a+1) … (a+n)).
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < 1000; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-16) break;
    }
    return logPrefix + Math.log(sum);
  }
  // Continued fraction for Q(a, x) = 1 − P(a, x) (modified Lentz); here P is not small, so 1 − Q is accurate.
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 1000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  const q = Math.exp(logPrefix) * h;
  return Math.log(Math.max(0, 1 - q));
}

/**
 * log10 of P(X ≥ k) for X ~ Poisson(mean), continuous in k (k = 2.5 lies between the tails at 2 and 3).
 * 0 (probability 1) when k ≤ 0.
 */
export function log10PoissonUpperTail(k: number, mean: number): number {
  if (k <= 0) return 0;
  if (mean <= 0) return -Infinity;
  return logLowerRegularizedGamma(k, mean) / Math.LN10;
}
