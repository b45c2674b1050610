"""What a crash in a learner's answer most likely means, in a learner's words.

A check that has nothing better to say about an error raised by the answer's own code would
otherwise quote PyTorch's message alone ("mat1 and mat2 shapes cannot be multiplied (2x3 and
4x5)"). ``explain_error(err)`` reads the message and names the usual cause, with the sizes it
reports: here "a Linear layer (or matrix product) got rows of 3 numbers but its weight expects
4". The checks' own hints, chosen from evidence, come first; this is what is said when they
have none. Every entry is tested against the message the installed PyTorch really raises
(tests/package/test_checking_errors.py).
"""

from __future__ import annotations

import re
from typing import Callable

_Explain = Callable[[re.Match], str]

# Autograd errors that a check's own backward() raises only because of what the answer did to
# the graph it returned (a tensor changed in place after autograd saved it, a tensor made under
# torch.inference_mode): the answer's failure even when no frame of the answer's file is on the
# stack.
ANSWER_GRAPH_BROKEN = r"modified by an inplace operation|Inference tensors cannot be saved"

# A class derived from nn.Module whose __init__ never ran nn.Module's own: torch raises this
# from its own code when the module is used, so no line of the learner's file is on the stack.
MODULE_SETUP_MISSING = (r"cannot assign (?:module|parameters|buffer) before Module\.__init__\(\) "
                        r"call|object has no attribute '_(?:\w+_hooks|parameters|modules|"
                        r"buffers|non_persistent_buffers_set)'")

# A lazy layer (nn.LazyLinear and kin) has no weights until its first forward: a check that
# reads their shapes, loads weights into them or counts them crashes in torch's own code.
MODULE_NOT_BUILT = (r"Can't access the shape of an uninitialized parameter|Attempted to use an "
                    r"uninitialized parameter")

_FLOAT_SIZE = ("a size or count given to PyTorch or range() is a float: `/` always gives a float "
               "in Python, even for 6 / 2, so a size computed by a division (d_out / num_heads, "
               "n / world_size, ...) must use `//` (or int(...))")


def _mixed_dtypes(first: str, second: str) -> str:
    """A matrix product of two dtypes: integer ids in a Linear, or float32 meeting float64."""
    said = f"a matrix product mixes dtypes ({first} and {second}): "
    if any(word in f"{first} {second}".lower() for word in ("long", "int")):
        return said + ("integer token ids go through an nn.Embedding, not a Linear or a "
                       "matrix product (or the ids need .float() if they really are numbers)")
    return said + ("the input and the layer's weights must share one dtype: a float64 input "
                   "needs a float64 model (model.double()), or cast the input with "
                   "x.to(weight.dtype)")


def _pair(match: re.Match) -> tuple[str | None, str | None]:
    """The (destination, source) dtype names of a write refused for its dtypes, when said."""
    groups = match.groups()
    for i in range(0, 8, 2):
        if groups[i]:
            return groups[i], groups[i + 1]
    if groups[8]:  # "out tensor to have dtype <source>, but got <destination>"
        return groups[9], groups[8]
    return None, None


def _buffer_dtype(destination: str | None, source: str | None) -> str:
    """Values written into a tensor of another dtype: nearly always a new tensor made with
    torch.zeros / full / empty / ones without ``dtype=``, so in the default float32."""
    names = {"Float": "float32", "Double": "float64", "Half": "float16", "BFloat16": "bfloat16",
             "Long": "int64", "Int": "int32", "Bool": "bool", "float": "float32",
             "double": "float64", "half": "float16", "long": "int64"}
    said = ("values were written into a tensor of another dtype"
            + (f" ({names.get(source, source)} values into a {names.get(destination, destination)} "
               "tensor)" if destination and source else "")
            + ": PyTorch does not convert them on an indexed write, scatter or out=. ")
    return said + ("A new tensor made with torch.zeros, torch.full, torch.empty or torch.ones "
                   "without dtype= takes the default float32: make it like the values it will "
                   "hold (torch.zeros_like(x), torch.full_like(x, value), or dtype=x.dtype, "
                   "device=x.device), or skip the buffer (masked_fill, torch.where)")


def _overflow(value: str | None, kind: str) -> str:
    """A number written into a type too narrow for it: a narrow integer type for ids or
    counts, or a large finite fill (such as -1e9) into float16 or bfloat16 scores."""
    kind = {"Half": "float16", "BFloat16": "bfloat16"}.get(kind, kind)
    number = f"{int(value):,}" if value else "a value"
    if kind in ("float16", "bfloat16"):
        return (f"{number} does not fit in {kind} (float16 tops out at 65,504): a large finite "
                "number such as -1e9 written into float16 or bfloat16 scores; fill with "
                "float('-inf'), or torch.finfo(x.dtype).min for the tensor's own dtype")
    return (f"{number} does not fit in {kind}: token ids and counts need int64 (torch.long, "
            "np.int64); int16 holds up to 32,767, uint16 65,535 and int8 or uint8 far less, "
            "while GPT-2's ids go up to 50,256. Leave the integers as they come, or use "
            "dtype=torch.long")


def _embedding_ids(kind: str) -> str:
    """An nn.Embedding given ids of another type: floats, or integers of another width."""
    said = (f"an nn.Embedding got ids of type {kind}: token ids and positions must be "
            "torch.long (or int32; torch.arange(n) gives long). ")
    if any(word in kind for word in ("Float", "Double", "Half")):
        return said + ("Float ids come from the values of torch.max/torch.topk where their "
                       "indices were meant, from a `/`, or from a float tensor the ids were "
                       "written into")
    return said + ("Yours are integers of another width: leave them as torch.long, without a "
                   "cast such as .short() or .to(torch.int16)")


_CALL = re.compile(r"^([\w.]+)\(\) (?:got an unexpected keyword argument|missing \d+ required|"
                   r"takes (?:from \d+ to )?\d+ positional|got multiple values for argument)")


def call_mismatch(err: BaseException, source: str | None) -> str:
    """A learner's function or class, defined in ``source`` (the answer file's text), that was
    called with arguments it does not accept, as a sentence; "" for any other error.

    Python raises such a TypeError in the caller's frame (here the check), so no line of the
    answer is on the stack: "RMSNorm.__init__() got an unexpected keyword argument 'eps'" for
    an answer that renamed the stub's ``eps`` to ``epsilon``.
    """
    match = _CALL.match(str(err)) if isinstance(err, TypeError) and source else None
    if not match or not re.search(rf"^\s*(?:def|class)\s+{re.escape(match[1].split('.')[0])}\b",
                                  source, re.MULTILINE):
        return ""
    return (f"your {match[1]}() cannot be called the way the exercise calls it ({err}): keep "
            "the stub's def line as it is, the same parameter names, order and defaults, and "
            "give any parameter you add a default")


_ARTICLE = {"list": "a", "int": "an", "float": "a"}

# (pattern, explanation): the first pattern found in the error's text wins.
_TABLE: list[tuple[str, str | _Explain]] = [
    # regular expressions (re.error): Python's text gives the position, not the fix
    (r"invalid group reference (\d+)|unknown group name",
     "a replacement such as r'\\1' names a capture group your pattern does not have: only "
     "the parts of a pattern in parentheses are groups (put what the replacement keeps in "
     "parentheses, e.g. re.sub(r'\\s+([,.?!])', r'\\1', text))"),
    (r"bad escape (\\\w)",
     lambda m: f"re knows no escape {m[1]} there (a replacement knows only group references "
               "such as \\1 and escapes such as \\n; a pattern knows \\s, \\d, \\w, ...): "
               "check the letter, and write patterns and replacements as raw strings r'...'"),
    (r"missing \), unterminated subpattern|unbalanced parenthesis|unterminated character "
     r"set|nothing to repeat|multiple repeat",
     "your regular expression does not compile: every ( needs its ) and every [ its ], and "
     "*, + or ? must follow what they repeat; a literal ( ) [ . * + ? needs a backslash "
     "before it (or re.escape)"),
    (r"expected target dtype to be Long or Byte, but got (\w+)",
     lambda m: f"the targets given to cross_entropy are {m[1]}, but they must be class ids "
               "of dtype torch.long: no .float(), and torch.long rather than int32"),
    (r"0D or 1D target tensor expected, multi-target not supported",
     "cross_entropy got targets with an extra dimension (one-hot rows, or a (batch, 1) "
     "column): pass one class id per row of logits, shape (batch,)"),
    (r"Expected input batch_size \((\d+)\) to match target batch_size \((\d+)\)",
     lambda m: f"cross_entropy got {m[1]} rows of logits but {m[2]} targets: flatten both the "
               "same way (logits.flatten(0, 1) with targets.flatten()), or check which slice "
               "of the logits you pass"),
    (r"Expected target size \[(\d+), (\d+)\], got \[(\d+), (\d+)\]",
     "cross_entropy got 3-D logits (batch, tokens, classes); it wants the classes in "
     "dimension 1, so flatten: F.cross_entropy(logits.flatten(0, 1), targets.flatten())"),
    (r"Target (-?\d+) is out of bounds",
     lambda m: f"a target class id ({m[1]}) is not below the number of logits per row: the "
               "targets or the logits' last dimension are not the ones you meant"),
    (r"mat1 and mat2 shapes cannot be multiplied \((\d+)x(\d+) and (\d+)x(\d+)\)",
     lambda m: f"a Linear layer (or matrix product) got rows of {m[2]} numbers but its weight "
               f"expects {m[3]}: a layer built with the wrong in_features, or an input whose "
               "dimensions are swapped or not yet reshaped"),
    (r"Index put requires the source and destination dtypes match, got (\w+) for the "
     r"destination and (\w+) for the source|masked_scatter_?: expected self and source to have "
     r"same dtypes but got ?(\w+) and (\w+)|index_copy_\(\): self and source expected to have "
     r"the same dtype, but got \(self\) (\w+) and \(source\) (\w+)|index_add_\(\): self \((\w+)\) "
     r"and source \((\w+)\) must have the same scalar type|scatter\(\): Expected self\.dtype to be "
     r"equal to src\.dtype|Expected out tensor to have dtype (\w+), but got (\w+) instead",
     lambda m: _buffer_dtype(*_pair(m))),
    (r"mat1 and mat2 must have the same dtype, but got (\w+) and (\w+)|"
     r"expected m1 and m2 to have the same dtype, but got: ([\w ]+) != ([\w ]+)",
     lambda m: _mixed_dtypes(m[1] or m[3], m[2] or m[4])),
    (r"Expected size for first two dimensions of batch2 tensor to be: \[(\d+), (\d+)\] but got: "
     r"\[(\d+), (\d+)\]",
     lambda m: f"a batched matrix product A @ B got rows of {m[2]} numbers in A but {m[4]} "
               "rows in B: A's last size must equal B's second-to-last. One of them is not "
               "transposed on its last two dimensions (in attention: queries @ "
               "keys.transpose(-2, -1)), or the two are in the wrong order"),
    (r"(\w+) expects a non-empty TensorList|(torch\.cat)\(\): expected a non-empty list of "
     r"Tensors",
     lambda m: f"{m[1] or 'torch.cat'} got an empty list to join: the loop that builds the "
               "pieces ran zero times, which happens on an input with nothing in it (no "
               "tokens, no rows, an empty batch). Work on the whole tensor at once (most torch "
               "operations handle size 0), or return an empty result of the right shape when "
               "there is nothing to join"),
    (r"stack expects each tensor to be equal size, but got \[([\d, ]*)\] at entry (\d+) and "
     r"\[([\d, ]*)\] at entry (\d+)",
     lambda m: f"torch.stack got rows of different sizes ([{m[1]}] and [{m[3]}]): pad or cut "
               "every row to the same length before stacking; results of batches of "
               "different sizes (a last, smaller batch) are joined with torch.cat instead"),
    (r"The size of tensor a \((\d+)\) must match the size of tensor b \((\d+)\) at "
     r"non-singleton dimension (\d+)",
     lambda m: f"two tensors with {m[1]} and {m[2]} entries along dimension {m[3]} were "
               "combined element by element: one has the wrong shape (swapped dimensions, a "
               "missing [:num_tokens] slice, or a size taken from the wrong argument)"),
    (r"The expanded size of the tensor \((\d+)\) must match the existing size \((\d+)\) at "
     r"non-singleton dimension (\d+)",
     lambda m: f"a tensor with {m[2]} entries along dimension {m[3]} was written where {m[1]} "
               "are needed: the slice or the padding length does not match the target's "
               "size, or .expand() was asked to stretch a dimension whose size is not 1 "
               "(expand only repeats size-1 dimensions; use repeat or repeat_interleave)"),
    (r"Sizes of tensors must match except in dimension (\d+)\. Expected size (\d+) but got "
     r"size (\d+)",
     lambda m: f"torch.cat along dimension {m[1]} got tensors whose other sizes differ ({m[2]} "
               f"and {m[3]}): concatenate along the dimension where they differ, or fix the "
               "shapes first"),
    (r"Tensors must have same number of dimensions: got (\d+) and (\d+)",
     lambda m: f"torch.cat got a {m[1]}-D and a {m[2]}-D tensor: add the missing dimension "
               "(unsqueeze) or concatenate tensors of the same kind"),
    (r"Given normalized_shape=\[(\d+)\], expected input with shape \[\*, \d+\], but got input "
     r"of size\[([\d, ]*)\]",
     lambda m: f"a LayerNorm for vectors of {m[1]} numbers got a tensor of shape ({m[2]}): its "
               "last dimension must be the embedding size"),
    (r"index out of range in self",
     "an nn.Embedding got an id at or above its number of rows: token ids must be below "
     "vocab_size and positions below context_length (is a size swapped, or the input longer "
     "than the context?)"),
    (r"'indices' to have one of the following scalar types: Long, Int; but got (\S+)",
     lambda m: _embedding_ids(m[1])),
    (r"tensors used as indices must be long, int, byte or bool tensors",
     "a tensor used as an index holds floats: indices must be integers (torch.long) or bool"),
    (r"index (-?\d+) is out of bounds for dimension (\d+) with size (\d+)",
     lambda m: f"index {m[1]} does not exist in dimension {m[2]} of size {m[3]}: an "
               "off-by-one, or an index taken along the wrong dimension"),
    (r"view size is not compatible with input tensor's size and stride",
     "view() needs a contiguous tensor (its numbers in memory in order), and one made by "
     "transpose, permute or expand is not: use .reshape(...) or .contiguous().view(...)"),
    (r"shape '\[([-\d, ]*)\]' is invalid for input of size (\d+)",
     lambda m: f"a view/reshape to [{m[1]}] does not fit a tensor of {m[2]} numbers: one of the "
               "sizes in the new shape is wrong (which sizes did you multiply?)"),
    (r"Dimension out of range \(expected to be in range of \[(-?\d+), (-?\d+)\], but got "
     r"(-?\d+)\)",
     lambda m: f"dimension {m[3]} does not exist on a tensor with {int(m[2]) + 1} dimensions: "
               "the dim index is wrong, or the tensor lost a dimension earlier (squeeze, "
               "indexing) or never had one (a missing batch dimension)"),
    (r"element 0 of tensors does not require grad and does not have a grad_fn",
     "backward() was called on a value cut off from the model's graph (.detach(), .item(), "
     ".data, torch.no_grad() around the forward pass, or a new tensor built from numbers): "
     "compute the loss from the model's output as it comes"),
    (r"a leaf Variable that requires grad is being used in an in-place operation",
     "a tensor that needs a gradient and was made directly (a parameter, or a copy of "
     "your own such as copy.deepcopy(x), x.detach().clone().requires_grad_() or "
     "torch.tensor(..., requires_grad=True)) was changed in place while autograd tracks it: "
     "for a parameter update, do it inside `with torch.no_grad():` or leave it to the "
     "optimizer; for a result of your own, use the out-of-place operation (masked_fill, not "
     "masked_fill_) on the input as it comes, so the gradient flows back through it"),
    (r"Inference tensors cannot be saved for backward",
     "a tensor made under `torch.inference_mode()` reached a computation that needs its "
     "gradient: such tensors can never join autograd. Use `with torch.no_grad():` where you "
     "only wanted to skip gradients, and build modules and results outside inference mode"),
    (r"Got unsupported ScalarType (\w+)",
     lambda m: f"a {m[1]} tensor went through NumPy (.numpy(), np.asarray), which has no "
               f"{m[1]} type; NumPy also drops autograd and works only on the CPU: keep every "
               "step a torch operation"),
    (r"modified by an inplace operation(?:: \[torch\.(\w+) \[([\d, ]*)\]\](?:, which is "
     r"output \d+ of (\w+))?)?",
     lambda m: "autograd saved a tensor" + (
         f" (a {m[1]} of shape ({m[2]})" + (f", the output of {m[3]}" if m[3] else "") + ")"
         if m[1] else "") + " for the backward pass, and your code then changed that tensor "
        "in place (x += ..., x[...] = ..., .fill_(), .mul_(), .div_(), masked_fill_, an "
        "inplace=True activation, on a tensor an earlier operation had already used): use the "
        "out-of-place form (x = x + ..., y = y / s, masked_fill)"),
    (r"Trying to backward through the graph a second time",
     "backward() ran twice through the same graph: compute a fresh loss for every step, and "
     "do not reuse a tensor kept from an earlier step"),
    (r"Boolean value of Tensor with more than one value is ambiguous",
     "a tensor of several values was used as one True/False: by `if`, `and`, `or`, `not`, "
     "or by Python's max()/min()/sorted(), which compare with `<`. Use .any() or .all(), "
     "element-wise operators (&, |, ~), and torch.clamp(t, min=1) or torch.maximum for an "
     "element-wise max"),
    (r"masked_fill_? only supports boolean masks, but got mask with dtype (\w+)",
     lambda m: f"masked_fill got a mask of dtype {m[1]}: turn it into booleans first "
               "(mask.bool(), or compare: mask == 1)"),
    (r"triu: input tensor must have at least 2 dimensions",
     "torch.triu got a 1-D tensor: build the square mask from a 2-D tensor such as "
     "torch.ones(n, n)"),
    (r"probability tensor contains either `inf`, `nan` or element < 0",
     "torch.multinomial got invalid probabilities (negative, inf or NaN): sample from "
     "softmax(logits / temperature), not from the logits or log-probabilities, and avoid exp() "
     "of large logits without subtracting the maximum"),
    (r"mean\(\): could not infer output dtype\. Input dtype must be either a floating point",
     "mean() of an integer tensor: compare or count first, then convert with .float() "
     "before averaging"),
    (r"a Tensor with (\d+) elements cannot be converted to Scalar",
     lambda m: f".item() (or float()) was called on a tensor of {m[1]} values: code "
               "written for one value met a batch (one token id, one flag or one loss per "
               "row). Take the element you meant, test every row (`(ids == eos_id).all()`, "
               "`.any()`) or, for a loss, reduce it first (.mean())"),
    (r"only one element tensors can be converted to Python scalars",
     "a tensor of several values was used where a single number is needed: by int(t) or "
     "float(t) on a batch (one id or flag per row: compare every row with .all() or .any(), "
     "or take the element you meant), by torch.tensor([...]) of tensors, or by a function of "
     "Python's math module (math.tanh, math.exp, math.sqrt work on one number only). Use "
     "torch.tanh/torch.exp/torch.sqrt on tensors, torch.stack/torch.cat to join tensors, "
     ".item() for one value"),
    (r"Can't call numpy\(\) on Tensor that requires grad",
     "numpy() on a tensor that tracks gradients: inside a layer or a loss, stay in torch "
     "(torch.tanh, torch.repeat_interleave, ...) so that gradients still flow; only where you "
     "just need the numbers (a metric, a plot), call .detach() first"),
    (r"Tensor on device (\S+) is not on the expected device (\S+?)!?$|Expected all tensors to "
     r"be on the same device",
     "tensors on different devices meet in one operation: move the model and every input it "
     "needs to the same device (model.to(device), t = t.to(device))"),
    (r"failed to unpack the object at pos \d+ with error \"type must be tuple of ints,\s*but got "
     r"float\"|'float' object cannot be interpreted as an integer", _FLOAT_SIZE),
    (r"range\(\) arg 3 must not be zero",
     "range() got a step of 0: a stride or share computed as 0 (an integer division of a "
     "smaller number by a larger one?)"),
    (r"integer division or modulo by zero|division by zero",
     "a division by 0: a size or count you divide by is 0 here (an empty input, or an "
     "integer division of a smaller number by a larger one)"),
    (r"'NoneType' object has no attribute '(zero_|add_|sub_|mul_|div_|copy_|clamp_|norm|abs|"
     r"data|clone|detach)'",
     lambda m: f".{m[1]} was called on None where a tensor was expected: a parameter's .grad "
               "is None until its first backward() (and again after "
               "optimizer.zero_grad(), which sets it to None), so test `p.grad is not None` "
               "first or let the optimizer clear it; otherwise a function that should return "
               "a tensor has no `return`"),
    (r"bad operand type for unary [-+~]: 'NoneType'|unsupported operand type\(s\) for [^:]+: "
     r"(?:'NoneType' and '\w+'|'\w+' and 'NoneType')|'[<>=!]+' not supported between instances "
     r"of (?:'NoneType' and '\w+'|'\w+' and 'NoneType')",
     "arithmetic or a comparison met None: a parameter whose default is None (such as "
     "context_size=None or top_k=None) is used before the code gives it a real value (put "
     "`if x is None: x = ...` before every branch that uses it), or a function that should "
     "return a number has no `return`"),
    (r"invalid index of a 0-dim tensor|iteration over a 0-d tensor|len\(\) of a 0-d tensor|"
     r"Dimension specified as -?\d+ but tensor has no dimensions|zero-dimensional tensor \(at "
     r"position \d+\) cannot be concatenated",
     "a tensor with no dimensions (0-d: a single number) was indexed, iterated, measured or "
     "concatenated: a bare squeeze() drops every dimension of size 1 (a batch of one, a single "
     "row or column), and x[i] on a 1-D tensor or a sum() without dim gives a 0-d result; "
     "squeeze only the dimension you mean (squeeze(-1)), keep it (keepdim=True, x[i:i + 1]), "
     "or use .item() for a Python number"),
    (r"Python integer (-?\d+) out of bounds for (\w+)|value cannot be converted to type "
     r"(?:c10::|at::)?(\w+?)(?:_t)? without overflow",
     lambda m: _overflow(m[1], m[2] or m[3])),
    (r"cannot convert float (infinity|NaN) to integer",
     lambda m: f"a float that is {'inf' if m[1] == 'infinity' else 'NaN'} was turned into an "
               "int: it came from a division by 0, a log of 0 or a loss that blew up before "
               "this line; find where that number was made"),
    (r"^math range error$|Numerical result out of range",
     "a number grew past a Python float's range (about 1.8e308): math.exp of a large value, "
     "or a power such as 10.0 ** 400; subtract the largest value before exp (as softmax does), "
     "or compute in log space"),
    (r"cannot access local variable '(\w+)' where it is not associated with a value|local "
     r"variable '(\w+)' referenced before assignment",
     lambda m: f"`{m[1] or m[2]}` is given a value on some paths only (an `if` without an "
               "`else`, a loop that ran zero times, a `try` that failed before the assignment), "
               "and this call took a path where it has none: give it a value on every path, "
               "before the `if` or loop or in an `else:`. (Assigning a name anywhere in a "
               "function makes it local in the whole function, even where a global or an "
               "import of that name exists.)"),
    (r"name '(\w+)' is not defined",
     lambda m: f"`{m[1]}` is used where no variable of that name exists: a typo, a name "
               "defined inside another function, a missing import, or a variable created "
               "only later in the code"),
    (r"Cannot copy out of meta tensor|cannot be called on meta tensors|can't convert meta "
     r"device type tensor",
     "the check ran this on PyTorch's 'meta' device, whose tensors have shapes but no values, "
     "to see that your tensors stay on their inputs' device: your code read values or copied "
     "a tensor off its device (.cpu(), .to('cpu'), .tolist(), .item(), .numpy(), an `if` on "
     "a tensor). Keep the work on the inputs' device: make new tensors with "
     "device=x.device, and read no values where tensor operations can do the job"),
    (r"'NoneType' object|cannot unpack non-iterable NoneType",
     "a value is None here: a function that should return something has no `return` (or "
     "returns the result of an in-place method such as list.sort())"),
    (r"too many values to unpack \(expected (\d+)\)",
     lambda m: f"unpacking into {m[1]} names got more values: a tensor or shape with more "
               "dimensions than you unpack, or a function that returns more values"),
    (r"not enough values to unpack \(expected (\d+), got (\d+)\)",
     lambda m: f"unpacking into {m[1]} names got {m[2]} values: a tensor with fewer dimensions "
               "than you unpack (a missing batch dimension?), or a function that returns fewer "
               "values"),
    (r"missing 1 required positional arguments?: \"?'?dim",
     "softmax/argmax/... was called without dim: say which dimension, e.g. dim=-1 for the "
     "last one"),
    (r"'(builtin_function_or_method|method)'|\(got (builtin_function_or_method|method)\)|"
     r"type '(builtin_function_or_method|method)'",
     "a method was used without calling it: p.numel, t.item, model.parameters or "
     "loss.backward name the method; add the parentheses (p.numel(), t.item(), ...) to run it"),
    (r"unsupported operand type\(s\) for ([-/*]+): '(list|int|float)' and '(list|int|float)'",
     lambda m: f"`{m[1]}` between {_ARTICLE[m[2]]} {m[2]} and {_ARTICLE[m[3]]} {m[3]}: a "
               "Python list does no arithmetic on its numbers. In `[pad] * n - len(ids)` the "
               "list is built first, so put the count in parentheses: [pad] * (n - len(ids)); "
               "for numbers element-wise use a tensor"),
    (r"\"(\w*(?:bitwise|logical)\w*)\" not implemented for '(\w+)'|~ \(operator\.invert\) is "
     r"only implemented on integer and Boolean-type tensors",
     lambda m: f"&, |, ^ and ~ work on bool (or integer) tensors, and this one holds "
               f"{m[2] or 'floating point'} numbers: build a mask from a comparison (x > 0, "
               "ids != pad_id) or with dtype=torch.bool, or convert it with .bool(); to combine "
               "float weights use * and +. If you did combine comparisons, mind Python's order: "
               "& and | bind tighter than <, >, == and !=, so `a < b & c > d` means "
               "`a < (b & c) > d`: put each comparison in parentheses, (a < b) & (c > d)"),
    (r"\"(\w+)\" not implemented for '(Long|Int|Short|Char|Byte|Bool)'",
     lambda m: f"PyTorch's {m[1]} has no version for integer tensors ({m[2]}): softmax, exp, "
               "GELU, LayerNorm and the like need floating point numbers, so convert with "
               ".float() first (token ids become numbers only through an nn.Embedding)"),
    (r"\"(\w+)\" not implemented for '(\w+)'",
     lambda m: f"PyTorch's {m[1]} has no version for tensors of dtype {m[2]}: convert the tensor "
               "to a dtype the operation supports, or find where that dtype came from"),
    (r"'tuple' object has no attribute '(requires_grad|grad|data|numel|shape|to|dim|size|"
     r"weight|parameters)'",
     lambda m: f"a tuple was used where a tensor, parameter or module was meant (.{m[1]}): "
               "named_parameters(), named_modules() and named_children() give (name, value) "
               "pairs, so unpack them (for name, p in model.named_parameters()); a function "
               "returning several values gives a tuple too"),
    (r"'DataFrame' object has no attribute 'append'",
     "DataFrame.append no longer exists (pandas 2 removed it): join frames with "
     "pd.concat([first, second])"),
    (r"'list' object has no attribute '(to|shape|dim|size|dtype|device|float|long|int|item|"
     r"numel|view|reshape|unsqueeze|squeeze|flatten|transpose|permute|T|mean|sum|argmax|max|"
     r"softmax|detach|clone|cpu|cuda|masked_fill|tolist)'",
     lambda m: f"a Python list was used as a tensor (.{m[1]}): make it one first with "
               "torch.tensor(the_list), or torch.stack(the_list) for a list of tensors"),
    (r"'Tensor' object has no attribute '(append|extend|insert|index|count|pop)'",
     lambda m: f"a tensor was used as a Python list (.{m[1]}): collect the values in a list "
               "and build the tensor once at the end (torch.tensor, torch.stack or torch.cat)"),
    (r"expected Tensor as element (\d+) in argument \d+, but got (\w+)",
     lambda m: f"torch.stack and torch.cat join tensors, and element {m[1]} is a {m[2]}: "
               "convert each element with torch.tensor(...) first, or build the whole tensor "
               "from the nested lists with torch.tensor(...)"),
    (r"type must be tuple of ints,\s*but got torch\.Size",
     "a whole shape (a torch.Size) was given where one number is needed: take the size you "
     "mean from it, such as x.shape[-1]"),
    (MODULE_SETUP_MISSING,
     "a class derived from nn.Module did not run nn.Module's own setup: call "
     "super().__init__() as the first line of its __init__, before any layer or parameter is "
     "assigned"),
    (MODULE_NOT_BUILT,
     "your module has a layer whose weights do not exist yet (nn.LazyLinear or another "
     "nn.Lazy* module): it learns its input width and makes its weights only at the first "
     "forward, so nothing can read their shapes, load weights into them or count them "
     "before then; give the input width from the config, nn.Linear(in_features, "
     "out_features)"),
    (r"grad can be implicitly created only for scalar outputs",
     "backward() was called on a tensor of several values (a loss per token or per example: "
     "reduction='none', or a .mean() left out): reduce the loss to one number first"),
    (r"result type (\w+) can't be cast to the desired output type (\w+)",
     lambda m: f"an in-place operation (x /= n, x += 0.5, x.div_(n), ...) would write {m[1]} "
               f"results into a {m[2]} tensor, which cannot hold them: use the out-of-place "
               "form (x = x / n), or make the tensor floating point first (.float())"),
    (r"Expected floating point type for target with class probabilities, got (\w+)",
     lambda m: "cross_entropy got targets with the logits' own shape, so it read them as class "
               f"probabilities (and yours are {m[1]}): pass one class id per row of logits, "
               "shape (batch,), e.g. logits.flatten(0, 1) with targets.flatten()"),
    (r"size mismatch for ([\w.]+): copying a param with shape torch\.Size\(\[([\d, ]*)\]\) "
     r"from checkpoint, the shape in current model is torch\.Size\(\[([\d, ]*)\]\)",
     lambda m: f"the weights do not fit the model: {m[1]} is [{m[2]}] in the state_dict "
               f"loaded but [{m[3]}] in your model. The model was built with other sizes "
               "(emb_dim, vocab_size, context_length, num_classes) than the weights, or a "
               "weight needs transposing (.T) before it is loaded"),
    (r"Missing key\(s\) in state_dict: (\"[^\n]*?\")\.",
     lambda m: f"the state_dict loaded has no entry for {m[1]}: your model names its layers "
               "differently from the model that saved it (keep the book's attribute names), "
               "or it has a layer the other lacks"),
    (r"Unexpected key\(s\) in state_dict: (\"[^\n]*?\")\.",
     lambda m: f"the state_dict loaded holds {m[1]}, which your model has no place for: a "
               "layer missing from your model, or named differently there"),
    (r"The shape of the mask \[([\d, ]*)\] at index (\d+) does not match the shape of the "
     r"indexed tensor \[([\d, ]*)\]",
     lambda m: f"a boolean mask of shape [{m[1]}] selected from a tensor of shape [{m[3]}]: "
               f"the mask's sizes must equal the tensor's own, from dimension {m[2]} on (a "
               "mask built for another length, or for the other dimension?)"),
    (r"Torch not compiled with CUDA enabled|Found no NVIDIA driver",
     "the code asks for CUDA (.cuda(), device='cuda'), and this machine has none: use the "
     "device the exercise passes in, or llmscratch.get_device(), which picks CUDA, MPS or the "
     "CPU, instead of a fixed 'cuda'"),
    (r"'(float|int)' object has no attribute '(item|to|detach|cpu|numpy|backward|shape|size|"
     r"dim|tolist|float|long|unsqueeze|view|argmax|softmax)'",
     lambda m: f"a plain Python {m[1]} was used as a tensor (.{m[2]}): .item(), float(), int() "
               "or Python's own sum() already made it a number. Keep the tensor until the end "
               "and call .item() once"),
    (r"list indices must be integers or slices, not tuple",
     "a Python list was indexed like a tensor ([:, 0] or [i, j]): make it a tensor first "
     "(torch.tensor(rows)), or index one level at a time (rows[i][j])"),
    (r"(list|string) index out of range",
     lambda m: f"an index at or past the end of a {m[1]} (its last index is len - 1): a loop "
               "that goes one step too far, an [i + 1] at the last position, or an empty "
               f"{m[1]}"),
    (r"too many dimensions 'str'",
     "torch.tensor got strings: turn the text into token ids first (the tokenizer's encode) "
     "and build the tensor from the ids"),
    (r"too many indices for tensor of dimension (\d+)",
     lambda m: f"a {m[1]}-D tensor was indexed with more than {m[1]} indices: it lacks a "
               "dimension you expected (a batch dimension never added, or one removed by a "
               "squeeze or an index)"),
    (r"can only concatenate list \(not \"(\w+)\"\) to list",
     lambda m: f"`+` between a list and a {m[1]}: + joins a list only to another list; use "
               "ids.append(x) or ids + [x], or make both tensors and join them with torch.cat"),
    (r"'(int|float)' object is not iterable",
     lambda m: f"a single {m[1]} was used where a list or range was meant: `for i in n` needs "
               "range(n), and list(...), sum(...) or zip(...) need a sequence"),
    (r"'(\w+)' object is not iterable",
     lambda m: f"a {m[1]} was used where a list or other iterable was meant: an optimizer takes "
               "model.parameters(), not the model; a loop needs a list, a range or a "
               "DataLoader"),
    (r"'(int|float)' object is not subscriptable",
     lambda m: f"a plain {m[1]} was indexed like a list or tensor ([...]): it comes from "
               ".item(), len() or one entry of a shape, not the tensor or list you meant"),
    (r"'torch\.Size' object is not callable",
     "x.shape is an attribute, not a method: write x.shape (or x.size()), and x.shape[-1] "
     "for one size"),
    (r"gather\(\): Expected dtype int32/int64 for index",
     "gather's index holds floats: class or token ids must be integers (torch.long)"),
    (r"Index tensor must have the same number of dimensions as input tensor",
     "gather wants an index with as many dimensions as its input: give the target ids a last "
     "dimension of size 1 (targets.unsqueeze(-1)) and drop it afterwards (.squeeze(-1))"),
    (r"where expected condition to be a boolean tensor, but got a tensor with dtype (\w+)",
     lambda m: f"torch.where needs a boolean condition, and yours holds {m[1]} numbers: "
               "compare first (mask == 1, x > 0) or convert with .bool()"),
    (r"cannot assign '([\w.]+)' as parameter '(\w+)' \(torch\.nn\.Parameter or None expected\)",
     lambda m: f"a plain tensor was assigned to the parameter {m[2]}: wrap it "
               "(torch.nn.Parameter(t)) or copy the values into the existing one (under "
               "torch.no_grad(): layer.weight.copy_(t))"),
    (r"prob_dist must be 1 or 2 dim",
     "torch.multinomial takes probabilities of shape (vocab,) or (batch, vocab): take the last "
     "position's row first (logits[:, -1, :]) before softmax and sampling"),
    (r"selected index k out of range",
     "topk was asked for more values than the dimension holds: k is larger than that "
     "dimension's size (the vocabulary, or the number of entries), or topk runs along the "
     "wrong dim"),
    (r"dropout probability has to be between 0 and 1, but got (\S+)",
     lambda m: f"a dropout rate of {m[1]}: a rate lies between 0 and 1, so a size such as "
               "emb_dim may have been passed where drop_rate goes (arguments in the wrong "
               "order?)"),
    (r"unhashable type: '(list|dict|set|Tensor)'",
     lambda m: f"a {m[1]} was used as a dict key or set member, which must not change: use a "
               "tuple (tuple(pair)) or, for a one-value tensor, its .item()"),
    (r"^(.+) is not in list$",
     lambda m: f"list.index({m[1]}) looked for a value the list does not hold: test with `in` "
               "first, or keep a dict from value to position"),
    (r"^substring not found$",
     "str.index looked for text the string does not hold: str.find returns -1 instead, or "
     "test with `in` first"),
    (r"'(\S+)' codec can't decode byte (0x[0-9a-f]+)",
     lambda m: f"the text was read as {m[1]}, and byte {m[2]} is not valid there: open text "
               "files with encoding=\"utf-8\" (and utf-8-sig for a file that starts with a "
               "byte-order mark)"),
    (r"maximum recursion depth exceeded",
     "a function calls itself (or two call each other) without end: a forward() that calls "
     "self(...) or self.forward(...), or a recursion whose stopping case is never reached"),
    (r"can't allocate memory: you tried to allocate (\d+) bytes|out of memory[^\n]*?Tried "
     r"to allocate ([\d.]+ [KMGT]i?B)",  # CUDA's and MPS's wording
     lambda m: f"the code asked for {_size(m)} at once, far more than the inputs need: "
               "look for a tensor sized by a product where a sum was meant, a square matrix "
               "over a large size (the vocabulary, all tokens), or a size read from the wrong "
               "argument"),
    (r"'Tensor' object is not callable",
     "a tensor was called like a function: a module attribute overwritten by a tensor, or a "
     "missing operator (w(x) where w @ x was meant)"),
]

_COMPILED = [(re.compile(pattern), say) for pattern, say in _TABLE]


def _size(match: re.Match) -> str:
    """The size of a refused allocation, as the allocator's message gives it, in GB or TB."""
    if match[2]:
        return match[2]
    size = int(match[1])
    return f"{size / 1e12:,.0f} TB" if size >= 1e12 else f"{size / 1e9:,.1f} GB"


def explain_error(err: BaseException) -> str:
    """The usual cause of ``err`` in a learner's words, or "" when the message is not known."""
    text = str(err)
    for pattern, say in _COMPILED:
        match = pattern.search(text)
        if match:
            return say if isinstance(say, str) else say(match)
    if isinstance(err, MemoryError):  # Python's own has no size in its text
        return ("Python ran out of memory: a list, string or dict far bigger than the inputs "
                "need (a loop that never stops adding, or a size multiplied where it "
                "should add)")
    if isinstance(err, KeyError) and err.args:  # its text is only the key, so go by the type
        return (f"a dict (or a DataFrame's columns) has no entry {err.args[0]!r}: the key is "
                "spelled, cased or typed differently from the stored ones (a str for an int, a "
                "word with its spaces or punctuation still on it), or it was never added")
    return ""
