"""Say how a wrong tensor relates to the expected one, so that a fallback points at the slip.

When no replayed mistake reproduces a learner's output, a check still knows both tensors, and
many slips leave a simple relation between them: a factor applied twice, a sign, dimensions
swapped, values moved one position, a slice one too short. ``describe_difference`` tries those
relations in turn and returns the first that holds, as a sentence; the check adds it to its own
message. For example, with ``expected = torch.arange(6.0).view(2, 3)``:

- ``describe_difference(expected * 8, expected)`` says every value is 8 times the expected;
- ``describe_difference(expected.T, expected)`` says dims 0 and 1 are swapped;
- ``describe_difference(expected[:, :2], expected)`` says dim 1 holds 2, expected 3, and that
  the last entry along it is the one missing.

``narrowed_dtype(value, want)`` names the narrow dtype (int16, uint8, float16, ...) whose
round trip turns the token id ``want`` into ``value``: ids kept in a NumPy or torch array too
small for them wrap round or round off, silently.

``describe_difference`` returns "" when no relation holds or the values are not finite; it
never guesses a cause it has not seen in the numbers, and words a possible reason as a
question.
"""

from __future__ import annotations

import math

MAX_SEARCH = 64  # sizes up to this are searched for reordered slices


def describe_difference(actual, expected, dims: tuple[str, ...] | None = None, *,
                        where: bool = True) -> str:
    """One sentence on how ``actual`` relates to ``expected`` (tensors or nested numbers), or "".

    ``dims`` names the expected tensor's dimensions, e.g. ``("batch", "tokens", "emb_dim")``, so
    that the sentence says "dim 1 (tokens)" rather than "dim 1". With ``where=False`` it gives
    only a relation, never the last resort of saying which entries differ ("" instead), for a
    check that says where itself.
    """
    import torch

    both = _doubles(actual, expected)
    if both is None:
        return ""
    a, e = both
    if not (torch.isfinite(a).all() and torch.isfinite(e).all()) or e.numel() == 0:
        return ""
    if a.shape != e.shape:
        return _shape_relation(a, e, dims)
    if e.numel() < 2 or _close(a, e):
        return ""
    return _value_relation(a, e, dims, where)


def _doubles(actual, expected):
    """``(actual, expected)`` as float64 CPU tensors, or None when either is no tensor."""
    import torch

    try:
        return (torch.as_tensor(actual).detach().cpu().double(),
                torch.as_tensor(expected).detach().cpu().double())
    except (TypeError, ValueError, RuntimeError):
        return None


def _close(a, b) -> bool:
    import torch

    if a.shape != b.shape:
        return False
    scale = max(float(b.abs().max()), 1e-12) if b.numel() else 1.0
    return bool(torch.allclose(a, b, rtol=1e-4, atol=1e-6 * scale))


def _shape_relation(a, e, names) -> str:
    """How a result of another shape relates to the expected one (the caller states both
    shapes); "" when no relation holds."""
    shape, want = tuple(a.shape), tuple(e.shape)
    head = "What differs: "
    if a.dim() == e.dim():
        for i in range(e.dim()):
            for j in range(i + 1, e.dim()):
                if shape == tuple(e.transpose(i, j).shape) and _close(a, e.transpose(i, j)):
                    return (f"{head}your result is the expected with {_dims(i, j, names)} swapped "
                            "(a transpose too many or too few, or arguments in the wrong "
                            "order?).")
        wrong = [d for d in range(e.dim()) if shape[d] != want[d]]
        if len(wrong) == 1:
            return head + _one_size_off(a, e, wrong[0], names) + "."
    for d in range(e.dim()):
        if a.dim() + 1 == e.dim() and want[d] == 1 and _close(a, e.squeeze(d)):
            return (f"{head}the right values without the dimension of size 1 at {_dim(d, names)}: "
                    "keepdim=True or an unsqueeze left out?")
    for d in range(a.dim()):
        if a.dim() == e.dim() + 1 and shape[d] == 1 and _close(a.squeeze(d), e):
            return (f"{head}the right values with an extra dimension of size 1 at dim {d}: "
                    "a keepdim=True, an unsqueeze or a [None] too many?")
    if a.numel() == e.numel() and _close(a, e.reshape(a.shape)):
        return (f"{head}the same values in the same order, only reshaped (a .view or .reshape "
                "where a transpose or permute was needed, or the wrong size given to it?).")
    return ""


def _one_size_off(a, e, d, names) -> str:
    n, m = a.shape[d], e.shape[d]
    text = f"{_dim(d, names)} holds {n}, expected {m}"
    if abs(n - m) != 1:
        return text + (f" ({n / m:.4g} times as many)" if n % m == 0 or m % n == 0 else "")
    if n < m:
        if _close(a, e.narrow(d, 0, n)):
            return text + ", one too few: the last entry along it is missing (a range or slice " \
                          "that stops one early?)"
        if _close(a, e.narrow(d, 1, n)):
            return text + ", one too few: the first entry along it is missing (a slice that " \
                          "starts at 1?)"
        return text + ", one too few (an off-by-one in a range or slice?)"
    if _close(a.narrow(d, 0, m), e):
        return text + ", one too many: the first entries are right and one extra entry " \
                      "follows (a range or slice that goes one too far?)"
    if _close(a.narrow(d, 1, m), e):
        return text + ", one too many: one extra entry comes before the right ones"
    return text + ", one too many (an off-by-one in a range or slice?)"


def _value_relation(a, e, names, where: bool = True) -> str:
    head = "What differs: "
    if _close(a, -e):
        return head + "every value has the opposite sign (a minus too many or too few?)."
    factor = _constant_factor(a, e)
    if factor is not None:
        return head + _factor_words(factor)
    offset = (a - e).flatten()
    if _close(offset, offset[:1].expand_as(offset)):
        return (head + f"every value is off by the same amount, {float(offset[0]):+.4g} (a "
                "constant added or left out?).")
    if _close(a, a.flatten()[:1].expand_as(a)) and not _close(e, e.flatten()[:1].expand_as(e)):
        return (head + f"every value of yours is the same, {float(a.flatten()[0]):.4g}, while "
                "the expected values vary (a reduction over the wrong dims, or the input not "
                "used?).")
    for i in range(e.dim()):
        for j in range(i + 1, e.dim()):
            if e.shape[i] == e.shape[j] and _close(a, e.transpose(i, j)):
                return (head + f"your result is the expected with {_dims(i, j, names)} swapped "
                        "(they have the same size, so the shape looks right: a transpose too "
                        "many or too few?).")
    for d in range(e.dim()):
        n = e.shape[d]
        if n < 2:
            continue
        if _close(a, e.flip(d)):
            return head + f"the values along {_dim(d, names)} come in reverse order."
        for step, words in ((1, "one position later"), (-1, "one position earlier")):
            if _close(a, e.roll(step, d)):
                wrapped = ("the last wrapping round to the front" if step == 1
                           else "the first wrapping round to the end")
                return (head + f"every value sits {words} along {_dim(d, names)} than "
                        f"expected, {wrapped} (torch.roll, or an index off by one?).")
            moved = a.narrow(d, 1, n - 1) if step == 1 else a.narrow(d, 0, n - 1)
            source = e.narrow(d, 0, n - 1) if step == 1 else e.narrow(d, 1, n - 1)
            if n > 2 and _close(moved, source):
                return (head + f"your values along {_dim(d, names)} are the expected ones moved "
                        f"{words} (shifted by one: an off-by-one in an index or a slice?).")
        order = _reordered(a, e, d)
        if order is not None:
            return (head + f"the right entries along {_dim(d, names)}, in another order (yours "
                    f"{order}): sorted, shuffled or indexed differently?")
    found = (_elementwise_words(a, e) or _per_slice_relation(a, e, names)
             or (_where(a, e, names) if where else ""))
    return head + found if found else ""


def describe_elementwise(actual, expected) -> str:
    """"What differs: each number was ..." with a few examples, when one simple function applied
    to every expected number (a square, ``abs``, a clamp at 0, a rounding, ``exp``, a sigmoid,
    ``tanh``) gives ``actual``; "" when none does, the shapes differ or nothing differs.

    ``describe_difference`` says the same when no simpler relation (a factor, a sign, an
    offset, a transpose, a shift) holds; a check that wants only this relation calls it alone.
    """
    both = _doubles(actual, expected)
    if both is None:
        return ""
    a, e = both
    if a.shape != e.shape or not e.numel() or _close(a, e):
        return ""
    words = _elementwise_words(a, e)
    return "What differs: " + words if words else ""


def _elementwise(torch) -> list:
    """(what each number went through, the function), simplest first."""
    return [
        ("squared (x ** 2)", lambda t: t * t),
        ("made positive (abs())", torch.abs),
        ("clamped at 0, every negative number becoming 0 (clamp(min=0), relu)",
         lambda t: t.clamp(min=0)),
        ("rounded to whole numbers (round())", torch.round),
        ("cut to whole numbers (int(), trunc() or an integer dtype)", torch.trunc),
        *[(f"rounded to {k} decimal{'s' * (k > 1)} (round(decimals={k}), or numbers read back "
           "from printed text)", lambda t, k=k: t.round(decimals=k)) for k in (1, 2, 3, 4)],
        ("passed through exp()", torch.exp),
        ("passed through a sigmoid", torch.sigmoid),
        ("passed through tanh()", torch.tanh),
    ]


def _elementwise_words(a, e) -> str:
    import torch

    for what, f in _elementwise(torch):
        mapped = f(e)
        if bool(torch.isfinite(mapped).all()) and _close(a, mapped):
            moved = [(float(w), float(m)) for w, m in zip(e.flatten(), a.flatten())
                     if abs(float(w) - float(m)) > 1e-6][:3]
            return (f"each number was {what}: "
                    + ", ".join(f"{w:g} became {m:.4g}" for w, m in moved) + ".")
    return ""


def _per_slice_relation(a, e, names) -> str:
    """A centring, an offset or a factor of each slice's own along one dimension; else "".

    Only when no value is right: where some are, saying which ones (``_where``) points closer."""
    import torch

    scale = max(float(e.abs().max()), 1e-12)
    if e.dim() < 2 or bool(torch.isclose(a, e, rtol=1e-4, atol=1e-6 * scale).any()):
        return ""
    for d in range(e.dim()):
        if e.shape[d] < 2:
            continue
        where = _dim(d, names)
        if _close(a, e - e.mean(d, keepdim=True)):
            return (f"your result is the expected minus its mean along {where} (centred: a "
                    "mean subtracted where none belongs?).")
        offset = a - e
        if _close(offset, offset.mean(d, keepdim=True).expand_as(offset)):
            return (f"along {where} every value is off by the same amount, but the amount "
                    "changes from one position of the other dims to the next (a per-row "
                    "number, such as a mean or a max, added or subtracted?).")
        energy = (e * e).sum(d, keepdim=True)
        if bool((energy > 0).all()):
            factor = (a * e).sum(d, keepdim=True) / energy
            if _close(a, factor * e):
                return (f"along {where} each slice is the expected times a factor of its own "
                        f"(from {float(factor.min()):.4g} to {float(factor.max()):.4g}: a "
                        "per-row normalisation or scale?).")
    return ""


def _constant_factor(a, e) -> float | None:
    import torch

    scale = float(e.abs().max())
    big = e.abs() > 1e-3 * scale
    if scale == 0 or int(big.sum()) < 2:
        return None
    ratios = a[big] / e[big]
    factor = float(ratios.median())
    if factor == 0 or abs(factor - 1) < 1e-3 or not _close(a, e * factor):
        return None
    return factor if bool(torch.isfinite(torch.tensor(factor))) else None


def _factor_words(factor: float) -> str:
    text = f"every value is {factor:.4g} times the expected"
    size = abs(factor)
    reasons = []
    for k in range(2, 4097):
        if abs(size - k) < 1e-3 * k:
            reasons.append(f"a sum where a mean was wanted, or a value counted {k} times")
        elif abs(size - 1 / k) < 1e-3 / k:
            reasons.append(f"a division by {k} too many, or a mean where a sum was wanted")
        else:
            continue
        break
    square = size * size if size > 1 else 1 / (size * size)
    n = round(square)
    if 2 <= n <= 65536 and abs(square - n) < 1e-3 * square and (not reasons or n >= 16):
        way = "multiplied" if size > 1 else "divided"
        reasons.append(f"{way} by sqrt({n}) = {math.sqrt(n):.4g}, a scaling applied twice or in "
                       "the wrong direction")
    sign = ", and the sign is flipped too (a minus too many or too few)" if factor < 0 else ""
    return text + (f" ({'; or '.join(reasons)}?){sign}." if reasons
                   else f" (a scale applied twice or left out?){sign}.")


def _reordered(a, e, d) -> list[int] | None:
    """Where each entry of ``a`` along dim ``d`` sits in ``e``, when ``a`` is ``e`` reordered."""
    n = e.shape[d]
    if n > MAX_SEARCH:
        return None
    taken, order = set(), []
    for i in range(n):
        row = a.select(d, i)
        match = next((j for j in range(n) if j not in taken and _close(row, e.select(d, j))),
                     None)
        if match is None:
            return None
        taken.add(match)
        order.append(match)
    return order if order != list(range(n)) else None


def _where(a, e, names) -> str:
    """Which indices, per dimension, hold the differences: a pointer when some are right."""
    import torch

    scale = max(float(e.abs().max()), 1e-12)
    wrong = ~torch.isclose(a, e, rtol=1e-4, atol=1e-6 * scale)
    total = int(wrong.sum())
    if total <= 3:
        spots = ", ".join(str(tuple(i.tolist())) for i in wrong.nonzero())
        return (f"{total} of {e.numel()} values differ{'s' if total == 1 else ''}, at index "
                f"{spots}; the rest match.")
    places = []
    for d in range(e.dim()):
        n = e.shape[d]
        hit = wrong.transpose(0, d).reshape(n, -1).any(dim=1).nonzero().flatten().tolist()
        if 0 < len(hit) < n and n > 1:
            places.append(f"along {_dim(d, names)} only {_indices(hit, n)} (of {n})")
    where = "; ".join(places) if places else "spread over every dimension"
    return f"{total} of {e.numel()} values differ, {where}."


def _indices(hit: list[int], n: int) -> str:
    if hit == list(range(hit[0], n)) and hit[0] > 0:
        return f"from index {hit[0]} on"
    if hit == list(range(0, hit[-1] + 1)):
        return f"up to index {hit[-1]}" if hit[-1] > 0 else "index 0"
    shown = ", ".join(str(i) for i in hit[:6])
    return f"index {shown}" if len(hit) == 1 else f"indices {shown}" + (", ..." if len(hit) > 6
                                                                          else "")


def _dim(d: int, names) -> str:
    return f"dim {d} ({names[d]})" if names and d < len(names) else f"dim {d}"


def _dims(i: int, j: int, names) -> str:
    return (f"{_dim(i, names)} and {_dim(j, names)}" if names and max(i, j) < len(names)
            else f"dims {i} and {j}")


_NARROW_INTEGERS = (("int16", 16, True), ("uint16", 16, False), ("int8", 8, True),
                    ("uint8", 8, False))


def narrowed_dtype(value: int, want: int) -> str | None:
    """The dtype whose round trip turns the integer ``want`` (a token id) into ``value``, or None.

    Integer types wrap round modulo 2**bits (``np.uint16`` holds 0 to 65,535, so 100,257 comes
    back as 34,721); ``float16`` and ``bfloat16`` round large ids to a nearby representable one
    (50,256 becomes 50,240 in float16, 50,176 in bfloat16). ``value == want`` gives None: a
    round trip that changed nothing is no evidence. The first matching type of int16, uint16,
    int8, uint8, float16, bfloat16 is named.
    """
    import torch

    try:
        if value != int(value) or want != int(want):
            return None  # a fraction is not an id that went through a narrow type
        value, want = int(value), int(want)
    except (TypeError, ValueError, OverflowError):  # not a number (None, a string, NaN, inf)
        return None
    if value == want:
        return None
    for name, bits, signed in _NARROW_INTEGERS:
        shift = 2 ** (bits - 1) if signed else 0
        if value == (want + shift) % 2 ** bits - shift:
            return name
    for name, dtype in (("float16", torch.float16), ("bfloat16", torch.bfloat16)):
        rounded = torch.tensor(float(want)).to(dtype).item()
        if math.isfinite(rounded) and value == int(rounded):
            return name
    return None
