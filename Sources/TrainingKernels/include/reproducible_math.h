// Elementary functions of our own, in plain IEEE double arithmetic (no fused multiply-add, no
// tables chosen per processor), so they give the same bits on every CPU and with every C
// library: glibc picks its own `exp`, `log`, `pow`, `cos` per CPU feature set. Accurate to about
// one unit in the last place of a double; the activations and losses round them to float.
#ifndef REPRODUCIBLE_MATH_H
#define REPRODUCIBLE_MATH_H

/// e^x.
double reproducible_exp(double x);
/// e^x - 1, accurate for small x.
double reproducible_expm1(double x);
/// The natural logarithm; NaN below 0, -inf at 0.
double reproducible_log(double x);
/// log(1 + x), accurate for small x.
double reproducible_log1p(double x);
/// The hyperbolic tangent.
double reproducible_tanh(double x);
/// base^exponent for a whole exponent, by repeated squaring.
double reproducible_pow_int(double base, long exponent);
/// The exponent e of the power of ten with 10^e <= x < 10^(e+1), for finite x > 0.
int reproducible_decimal_exponent(double x);
/// 10^e, correctly rounded for |e| <= 22, and by repeated multiplication beyond.
double reproducible_power_of_ten(int e);

#endif
