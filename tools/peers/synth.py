"""Seeded synthetic point sets, bit-identical to athar's `cluster::synth::synthetic` (Rust).

Only SplitMix64, additions and multiplications are used (no libm), so both languages produce
the very same doubles. Keep the two in step: the constants below mirror src/cluster/synth.rs.
"""

MASK = (1 << 64) - 1
LON0, LAT0, LON_SPAN, LAT_SPAN = 36.0, 35.5, 2.0, 1.5
T0, T_SPAN = 16000.0, 730.0
SIGMA_LAT = 300.0 / 111_195.0
SIGMA_DAYS = 3.0
NOISE_SHARE = 0.1
POINTS_PER_BLOB = 100
SQRT3 = 1.7320508075688772


class SplitMix64:
    def __init__(self, seed):
        self.s = seed & MASK

    def next_u64(self):
        self.s = (self.s + 0x9E3779B97F4A7C15) & MASK
        z = self.s
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def uniform(self):
        return (self.next_u64() >> 11) * (1.0 / 9007199254740992.0)

    def normal(self):
        a, b, c, d = self.uniform(), self.uniform(), self.uniform(), self.uniform()
        return (a + b + c + d - 2.0) * SQRT3

    def uniform_point(self):
        lon = LON0 + self.uniform() * LON_SPAN
        lat = LAT0 + self.uniform() * LAT_SPAN
        t = T0 + self.uniform() * T_SPAN
        return (lon, lat, t)


def synthetic(n, kind, seed):
    """List of (lon, lat, t_days); kind is "uniform" or "clustered"."""
    rng = SplitMix64(seed)
    if kind == "uniform":
        return [rng.uniform_point() for _ in range(n)]
    if kind != "clustered":
        raise ValueError(kind)
    k = max(n // POINTS_PER_BLOB, 1)
    centres = [rng.uniform_point() for _ in range(k)]
    out = []
    for _ in range(n):
        if rng.uniform() < NOISE_SHARE:
            out.append(rng.uniform_point())
            continue
        clon, clat, ct = centres[min(int(rng.uniform() * float(k)), k - 1)]
        lat = clat + rng.normal() * SIGMA_LAT
        lon = clon + rng.normal() * SIGMA_LAT / 0.8
        t = ct + rng.normal() * SIGMA_DAYS
        out.append((lon, lat, t))
    return out
