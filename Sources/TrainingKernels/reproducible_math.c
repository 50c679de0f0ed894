// Elementary functions in plain double arithmetic: range reduction by ln 2 and series whose
// terms fall fast, evaluated in one fixed order. See reproducible_math.h.
#include "reproducible_math.h"
#include <stdint.h>
#include <string.h>

#pragma clang fp contract(off)

// ln 2 split so that k * LN2_HIGH is exact for |k| < 2^21 (its low 21 bits are zero).
static const double LN2_HIGH = 0x1.62e42fee00000p-1;
static const double LN2_LOW = 0x1.a39ef35793c76p-33;
static const double INVERSE_LN2 = 0x1.71547652b82fep0;
static const double SQRT2 = 0x1.6a09e667f3bcdp0;
// Adding and subtracting it rounds a double below 2^51 to the nearest whole number.
static const double ROUNDING_SHIFT = 0x1.8p52;

static uint64_t bits_of(double x) {
    uint64_t bits;
    memcpy(&bits, &x, sizeof bits);
    return bits;
}

static double double_of(uint64_t bits) {
    double x;
    memcpy(&x, &bits, sizeof x);
    return x;
}

// 2^k for -1022 <= k <= 1023.
static double power_of_two(int k) { return double_of((uint64_t)(k + 1023) << 52); }

// x * 2^k for any k that leaves a finite result or underflows to 0.
static double scale_by_power_of_two(double x, int k) {
    if (k > 1023) return x * power_of_two(1023) * power_of_two(k - 1023);
    if (k < -1022) return x * power_of_two(k + 1000) * power_of_two(-1000);
    return x * power_of_two(k);
}

// e^r - 1 for |r| <= ln(2) / 2: the Taylor series to r^16 (the next term is below 2^-70 · r).
static double expm1_reduced(double r) {
    double sum = 1.0 / 20922789888000.0;   // 1/16!
    static const double inverse_factorials[] = {
        1.0 / 1307674368000.0, 1.0 / 87178291200.0, 1.0 / 6227020800.0, 1.0 / 479001600.0, 1.0 / 39916800.0,
        1.0 / 3628800.0, 1.0 / 362880.0, 1.0 / 40320.0, 1.0 / 5040.0, 1.0 / 720.0, 1.0 / 120.0, 1.0 / 24.0,
        1.0 / 6.0, 1.0 / 2.0, 1.0,
    };   // 1/15! down to 1/1!
    for (unsigned i = 0; i < sizeof inverse_factorials / sizeof *inverse_factorials; i++)
        sum = sum * r + inverse_factorials[i];
    return sum * r;
}

// x = k ln 2 + r with |r| <= ln(2) / 2 (k returned, r written).
static int reduce_by_ln2(double x, double *r) {
    double k = (x * INVERSE_LN2 + ROUNDING_SHIFT) - ROUNDING_SHIFT;
    *r = (x - k * LN2_HIGH) - k * LN2_LOW;
    return (int)k;
}

double reproducible_exp(double x) {
    if (x != x) return x + x;
    if (x > 709.782712893384) return __builtin_inf();
    if (x < -745.1332191019412) return 0;
    double r;
    int k = reduce_by_ln2(x, &r);
    return scale_by_power_of_two(1.0 + expm1_reduced(r), k);
}

double reproducible_expm1(double x) {
    if (x != x) return x + x;
    if (x > 709.782712893384) return __builtin_inf();
    if (x < -40) return -1.0;   // e^-40 is below half an ulp of 1
    double r;
    int k = reduce_by_ln2(x, &r);
    if (k == 0) return expm1_reduced(x);
    double reduced = expm1_reduced(r);
    if (k < -53 || k > 52) return scale_by_power_of_two(1.0 + reduced, k) - 1.0;
    // e^x - 1 = 2^k (e^r - 1) + (2^k - 1), where 2^k - 1 is exact.
    double scale = power_of_two(k);
    return reduced * scale + (scale - 1.0);
}

// log(1 + f) for 1 + f in [sqrt(1/2), sqrt(2)]: 2 atanh(s) with s = f / (2 + f), |s| < 0.1716,
// the series to s^23 (the next term is below 2^-60 · s).
static double log1p_reduced(double f) {
    double s = f / (2.0 + f), z = s * s, sum = 1.0 / 23.0;
    for (int n = 21; n >= 3; n -= 2) sum = sum * z + 1.0 / n;
    return 2.0 * s + 2.0 * s * (z * sum);
}

double reproducible_log(double x) {
    if (x != x || x < 0) return __builtin_nan("");
    if (x == 0) return -__builtin_inf();
    if (x == __builtin_inf()) return x;
    int exponent = 0;
    if (x < 0x1p-1022) {   // subnormal: make it normal first
        x *= 0x1p54;
        exponent = -54;
    }
    uint64_t bits = bits_of(x);
    exponent += (int)((bits >> 52) & 0x7ff) - 1023;
    double m = double_of((bits & 0x000fffffffffffffULL) | 0x3ff0000000000000ULL);   // in [1, 2)
    if (m > SQRT2) {
        m *= 0.5;
        exponent += 1;
    }
    double e = exponent;
    return e * LN2_HIGH + (e * LN2_LOW + log1p_reduced(m - 1.0));
}

double reproducible_log1p(double x) {
    if (x != x || x < -1) return __builtin_nan("");
    if (x == -1) return -__builtin_inf();
    if (x == __builtin_inf()) return x;
    if (x > -0.2928932188134524 && x < 0.41421356237309515) return log1p_reduced(x);
    // 1 + x = u + c with u the rounded sum; log(1 + x) ≈ log(u) + c / u.
    double u = 1.0 + x;
    double c = u > 2.0 ? 1.0 - (u - x) : x - (u - 1.0);
    return reproducible_log(u) + c / u;
}

double reproducible_tanh(double x) {
    if (x != x) return x + x;
    double magnitude = x < 0 ? -x : x;
    if (magnitude < 0x1p-28) return x;
    double result = 1.0;
    if (magnitude < 22) {   // tanh(22) rounds to 1
        double t = reproducible_expm1(2.0 * magnitude);
        result = t / (t + 2.0);
    }
    return x < 0 ? -result : result;
}

double reproducible_pow_int(double base, long exponent) {
    unsigned long n = exponent < 0 ? 0UL - (unsigned long)exponent : (unsigned long)exponent;
    double result = 1.0, square = base;
    while (n) {
        if (n & 1) result *= square;
        n >>= 1;
        if (n) square *= square;
    }
    return exponent < 0 ? 1.0 / result : result;
}

double reproducible_power_of_ten(int e) {
    int n = e < 0 ? -e : e;
    double power = 1.0;
    if (n <= 22) {
        for (int i = 0; i < n; i++) power *= 10.0;   // exact: 10^22 < 2^53 · 2^22
        return e < 0 ? 1.0 / power : power;
    }
    return reproducible_pow_int(10.0, e);
}

int reproducible_decimal_exponent(double x) {
    // A first guess from the natural logarithm, then corrected against exact powers of ten.
    double guess = reproducible_log(x) * 0x1.bcb7b1526e50ep-2;   // 1 / ln 10
    int e = (int)(guess < 0 ? guess - 1 : guess);
    while (reproducible_power_of_ten(e + 1) <= x) e++;
    while (reproducible_power_of_ten(e) > x) e--;
    return e;
}
