/**
 * Benchmark cases for the targets on the demo data topped up to
 * 500,000 certificates (bench/dataset/certs.ts): exact and wildcard matches
 * within 20 ms p50, partial matches within 100 ms p50, server time. The names
 * are the demo's own: customer 42 is always Meridian Shipping Co, whose
 * domain is meridian-shipping.co.uk at every scale.
 */
export function benchCases(_endDate: string) {
  return [
    { name: "tracking number", params: { q: "C-1234" } },
    { name: "order number", params: { q: "B250000" } },
    { name: "serial with colons, lower case", params: { q: "d5:86:28:81:d1:b7:f2:f2:e4:c2:7b:2e:d3:d8:43:70" } },
    { name: "exact name, mixed case, trailing dot", params: { q: "WWW.Meridian-Shipping.co.uk." } },
    { name: "name a wildcard covers", params: { q: "vpn.stonepoint-schools.de" } },
    { name: "internationalized name typed in Unicode", params: { q: "remote.zürich.ch" } },
    { name: "partial name", params: { q: "falconpoint-acc" } },
    { name: "partial customer name", params: { q: "meridian" } },
  ];
}
