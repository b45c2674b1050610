"""explain_error reads the messages the installed PyTorch really raises, and the checker uses it.

Each case below makes the mistake a learner makes and asserts the explanation names its cause
with the sizes or dtypes of the message; a last test asserts every entry of the table is
reached by some case, so a PyTorch release that rewords a message fails here, not silently.
"""

from __future__ import annotations

import copy
import math
import re

import numpy as np
import pandas as pd
import pytest
import torch
import torch.nn.functional as F
from torch import nn

from llmscratch import checking_errors
from llmscratch.checking import Exercise, call_answer, run_check
from llmscratch.checking_errors import explain_error
from llmscratch.checking_tools import CheckFailure


def _in_place_after_exp():
    x = torch.ones(2, requires_grad=True).clone()
    y = x.exp()
    y.mul_(2)
    y.sum().backward()


def _inference_tensor_in_backward():
    with torch.inference_mode():
        made = torch.ones(2)
    (torch.ones(2, requires_grad=True) * made).sum().backward()


def _backward_twice():
    loss = (torch.ones(2, requires_grad=True) * torch.ones(2, requires_grad=True)).sum()
    loss.backward()
    loss.backward()


def _unpack_too_many():
    a, b = torch.ones(3)


def _unpack_too_few():
    a, b, c = torch.ones(2, 3).shape


def _unpack_none():
    a, b = None


def _no_return(values):
    values.sort()


def _cuda_on_a_cpu_build():
    if torch.cuda.is_available():  # a CUDA machine accepts the call; state what a CPU build says
        raise AssertionError("Torch not compiled with CUDA enabled")
    torch.ones(2).cuda()


IDS = torch.tensor([1, 2, 0])
ROWS = [[1, 2], [3, 4]]
LAYER = nn.Linear(2, 2)
CASES = {  # a learner's mistake -> words the explanation must contain
    "float targets": (lambda: F.cross_entropy(torch.randn(3, 4), IDS.float()),
                      ["Float", "torch.long"]),
    "int32 targets": (lambda: F.cross_entropy(torch.randn(3, 4), IDS.int()), ["Int", "int32"]),
    "one-hot targets": (lambda: F.cross_entropy(torch.randn(3, 4), F.one_hot(IDS)),
                        ["one-hot", "(batch,)"]),
    "rows and targets differ": (lambda: F.cross_entropy(torch.randn(6, 4), IDS),
                                ["6 rows", "3 targets", "flatten"]),
    "3-D logits": (lambda: F.cross_entropy(torch.randn(2, 3, 4), torch.zeros(2, 3).long()),
                   ["3-D logits", "flatten(0, 1)"]),
    "class id too large": (lambda: F.cross_entropy(torch.randn(3, 4), torch.tensor([1, 2, 7])),
                           ["(7)"]),
    "wrong in_features": (lambda: nn.Linear(4, 5)(torch.randn(2, 3)),
                          ["rows of 3 numbers", "expects 4", "in_features"]),
    "float64 input to a float32 model": (
        lambda: nn.Linear(4, 5)(torch.randn(2, 4, dtype=torch.float64)),
        ["Double", "Float", "share one dtype"]),
    "float32 input to a float64 model": (
        lambda: nn.Linear(4, 5).double()(torch.randn(2, 4)), ["model.double()"]),
    "ids through a Linear": (lambda: nn.Linear(2, 2)(torch.tensor([[1, 2]])),
                             ["Long", "nn.Embedding"]),
    "matmul of mixed dtypes": (
        lambda: torch.randn(2, 4) @ torch.randn(4, 2, dtype=torch.float64),
        ["float", "double", "share one dtype"]),
    "matmul with ids": (lambda: torch.randn(2, 4) @ torch.ones(4, 2, dtype=torch.long),
                        ["long int", "nn.Embedding"]),
    "keys not transposed": (lambda: torch.randn(2, 3, 4) @ torch.randn(2, 3, 4),
                            ["rows of 4 numbers in A but 3 rows in B",
                             "transpose(-2, -1)"]),
    "stack of ragged rows": (lambda: torch.stack([torch.ones(3), torch.ones(4)]),
                             ["[3]", "[4]", "pad", "torch.cat"]),
    "sizes differ elementwise": (lambda: torch.ones(2, 3) + torch.ones(2, 4),
                                 ["3 and 4", "dimension 1"]),
    "expand to another size": (lambda: torch.ones(2, 3).expand(2, 4),
                               ["3 entries", "4", "expand only repeats size-1 dimensions"]),
    "cat along the wrong dim": (lambda: torch.cat([torch.ones(2, 3), torch.ones(2, 4)]),
                                ["dimension 0", "3 and 4"]),
    "cat of 2-D and 1-D": (lambda: torch.cat([torch.ones(2, 3), torch.ones(3)]),
                           ["2-D and a 1-D"]),
    "LayerNorm of the wrong width": (lambda: nn.LayerNorm(4)(torch.ones(2, 3)),
                                     ["4 numbers", "(2, 3)"]),
    "id above the vocabulary": (lambda: nn.Embedding(5, 3)(torch.tensor([7])), ["vocab_size"]),
    "float ids": (lambda: nn.Embedding(5, 3)(torch.tensor([1.0])),
                  ["torch.FloatTensor", "indices"]),
    "int16 ids": (lambda: nn.Embedding(5, 3)(torch.tensor([1], dtype=torch.int16)),
                  ["torch.ShortTensor", "another width"]),
    "float index": (lambda: torch.ones(3)[torch.tensor([1.0])], ["integers"]),
    "index past the end": (lambda: torch.ones(3)[5], ["index 5", "size 3"]),
    "view after transpose": (lambda: torch.ones(2, 3, 4).transpose(1, 2).view(2, 12),
                             ["contiguous"]),
    "view after expand": (lambda: torch.ones(2, 1, 3).expand(2, 4, 3).view(8, 3),
                          ["expand", ".reshape("]),
    "view to the wrong size": (lambda: torch.ones(2, 3).view(4, 2), ["[4, 2]", "6 numbers"]),
    "softmax over a missing dim": (lambda: torch.ones(2, 3).softmax(dim=2),
                                   ["dimension 2", "2 dimensions"]),
    "backward of a detached loss": (lambda: torch.ones(2).sum().backward(), [".detach()"]),
    "parameter changed in place": (lambda: nn.Linear(2, 2).weight.add_(1), ["torch.no_grad"]),
    # a learner's own copy that needs a gradient: no_grad alone would cut the gradient
    "own copy changed in place": (
        lambda: copy.deepcopy(torch.zeros(2, 2, requires_grad=True)).masked_fill_(
            torch.eye(2, dtype=torch.bool), 1.0),
        ["copy.deepcopy(x)", "out-of-place operation (masked_fill, not masked_fill_)"]),
    "in-place after exp": (_in_place_after_exp,
                           ["out-of-place", "a FloatTensor of shape (2), the output of Exp"]),
    "backward twice": (_backward_twice, ["fresh loss"]),
    "if on a tensor": (lambda: bool(torch.ones(2)), [".any()"]),
    "built-in max of a tensor": (lambda: max(torch.tensor([0, 3]), 1),
                                 ["max()", "torch.clamp(t, min=1)"]),
    "float mask": (lambda: torch.ones(2, 2).masked_fill(torch.ones(2, 2), 0.0),
                   ["float", "mask.bool()"]),
    "1-D triu": (lambda: torch.triu(torch.ones(3)), ["torch.ones(n, n)"]),
    "negative probabilities": (lambda: torch.multinomial(torch.tensor([0.5, -0.1]), 1),
                               ["softmax"]),
    "mean of ids": (lambda: torch.tensor([1, 2]).mean(), [".float()"]),
    "item of a vector": (lambda: torch.ones(3).item(), ["3 values"]),
    # a batch of next ids tested as if it held one (`if idx_next.item() == eos_id`)
    "item of a batch of ids": (lambda: torch.tensor([[5], [7]]).item() == 7,
                               ["met a batch", ".all()"]),
    "int of a batch of ids": (lambda: int(torch.tensor([[5], [7]])) == 7,
                              ["int(t) or float(t) on a batch", ".any()"]),
    "tensor of tensors": (lambda: torch.tensor([torch.ones(2), torch.ones(2)]), ["torch.stack"]),
    "math on a tensor": (lambda: math.tanh(torch.ones(3)), ["math.tanh", "torch.tanh"]),
    "numpy with grad": (lambda: torch.ones(2, requires_grad=True).numpy(),
                        ["stay in torch", ".detach()"]),
    "two devices": (lambda: torch.ones(2, device="meta") + torch.ones(2), ["model.to(device)"]),
    "float head_dim": (lambda: torch.ones(2, 6).view(2, 2, 6 / 2), ["`//`"]),
    "float Linear size": (lambda: nn.Linear(4.0, 2), ["`//`"]),
    "float range": (lambda: range(2.0), ["`//`"]),
    "range step 0": (lambda: range(0, 5, 0), ["step of 0"]),
    "division by zero": (lambda: 3 // 0, ["division by 0"]),
    "a missing return": (lambda: _no_return([2, 1]).shape, ["no `return`"]),
    "unpacking None": (_unpack_none, ["None"]),
    "NumPy of bfloat16": (lambda: torch.ones(2, dtype=torch.bfloat16).numpy(),
                          ["BFloat16 tensor went through NumPy", "torch operation"]),
    "an inference tensor in backward": (_inference_tensor_in_backward,
                                        ["torch.inference_mode()", "torch.no_grad()"]),
    "a gradient before backward": (lambda: nn.Linear(2, 2).weight.grad.zero_(),
                                   [".zero_ was called on None", "first backward()"]),
    "too many to unpack": (_unpack_too_many, ["into 2 names"]),
    "too few to unpack": (_unpack_too_few, ["into 3 names got 2"]),
    "softmax without dim": (lambda: torch.ones(3).softmax(), ["dim=-1"]),
    "list minus a count": (lambda: [0] * 3 - 1, ["`-` between a list and an int",
                                                 "[pad] * (n - len(ids))"]),
    "a tensor called": (lambda: torch.ones(2)(), ["called like a function"]),
    "numel without a call": (lambda: sum(p.numel for p in nn.Linear(2, 2).parameters()),
                             ["without calling it", "p.numel()"]),
    "parameters without a call": (lambda: [p for p in nn.Linear(2, 2).parameters],
                                  ["without calling it"]),
    "item without a call": (lambda: float(torch.ones(1).item), ["without calling it"]),
    "index by argmax without a call": (lambda: torch.ones(2)[torch.ones(2).argmax],
                                       ["parentheses"]),
    "| on float masks": (lambda: torch.ones(2) | torch.zeros(2), ["bool", "Float", "comparison"]),
    # a band test written without parentheses: & runs before the comparisons
    "comparisons joined by & unparenthesised": (
        lambda: (lambda x: x >= 1.0 & x <= 2.0)(torch.ones(2)), ["(a < b) & (c > d)"]),
    "~ on a float mask": (lambda: ~torch.ones(2), ["bool", "floating point", ".bool()"]),
    "softmax of integer ids": (lambda: torch.softmax(IDS, dim=-1), ["integer", "Long", ".float()"]),
    "named_parameters pairs": (lambda: [p.requires_grad for p in LAYER.named_parameters()],
                               ["(name, value) pairs", ".requires_grad"]),
    "DataFrame.append": (lambda: pd.DataFrame({"a": [1]}).append({"a": 2}), ["pd.concat"]),
    "a list as a tensor": (lambda: [1, 2].to("cpu"), ["Python list", ".to", "torch.tensor"]),
    "a tensor as a list": (lambda: torch.ones(2).append(1), ["as a Python list", ".append"]),
    "stack of lists": (lambda: torch.stack([[1, 2], [3, 4]]), ["element 0 is a list"]),
    "stack of no rows": (lambda: torch.stack([t for t in torch.ones(0, 3)]),
                         ["stack got an empty list", "no tokens"]),
    "cat of no rows": (lambda: torch.cat([t for t in torch.ones(0, 3)]),
                       ["torch.cat got an empty list", "size 0"]),
    "a shape as a size": (lambda: nn.Linear(torch.Size([4]), 2), ["torch.Size", "x.shape[-1]"]),
    "a layer before super().__init__()": (lambda: _NoSuperInit(with_layer=True),
                                          ["super().__init__()", "first line"]),
    "forward without super().__init__()": (lambda: _NoSuperInit(with_layer=False)(IDS),
                                           ["super().__init__()"]),
    # regular expressions: a replacement naming a group the pattern lacks, a misspelt escape
    # in a replacement, a pattern that does not compile
    "a group the pattern lacks": (lambda: re.sub(r"\s+[,.]", r"\1", "a ."),
                                  ["capture group", "parentheses"]),
    "an escape re does not know": (lambda: re.sub(r"\s", r"\d", "a b"),
                                   ["no escape \\d", "raw strings"]),
    "a pattern that does not compile": (lambda: re.split(r"([,.]|--|\s", "a, b"),
                                        ["does not compile", "every ( needs its )"]),
    "a lazy layer's shape read": (lambda: nn.LazyLinear(3).weight.shape, ["nn.LazyLinear"]),
    "a lazy layer counted": (lambda: nn.LazyLinear(3).weight.numel(), ["nn.LazyLinear"]),
    "GELU of complex numbers": (lambda: F.gelu(torch.ones(2, dtype=torch.complex64)),
                                ["GeluKernelImpl", "ComplexFloat"]),
    "backward of a loss per token": (
        lambda: F.cross_entropy(torch.randn(3, 4, requires_grad=True), IDS,
                                reduction="none").backward(), ["several values", ".mean()"]),
    "in-place division of ids": (lambda: IDS.clone().div_(2), ["Float", "Long", "x = x / n"]),
    "targets shaped like the logits": (
        lambda: F.cross_entropy(torch.randn(3, 4), torch.zeros(3, 4, dtype=torch.long)),
        ["class probabilities", "Long", "(batch,)"]),
    "weights of another size": (lambda: nn.Linear(2, 3).load_state_dict(
        nn.Linear(2, 4).state_dict()), ["weight is [4, 2]", "[3, 2] in your model"]),
    "a key missing": (lambda: nn.Linear(2, 3).load_state_dict({"weight": torch.ones(3, 2)}),
                      ['"bias"', "names its layers"]),
    "a key too many": (lambda: nn.Linear(2, 3).load_state_dict(
        {**nn.Linear(2, 3).state_dict(), "scale": torch.ones(1)}), ['"scale"', "no place"]),
    "a mask of the wrong length": (lambda: torch.ones(3, 4)[torch.ones(4, dtype=torch.bool)],
                                   ["[4]", "[3, 4]", "dimension 0"]),
    "a number used as a tensor": (lambda: torch.ones(2).sum().item().item(),
                                  ["Python float", ".item"]),
    "a list indexed like a tensor": (lambda: ROWS[:, 0], ["torch.tensor(rows)"]),
    "one past the end of a list": (lambda: [1, 2][2], ["past the end of a list", "len - 1"]),
    "a tensor of strings": (lambda: torch.tensor(["a", "b"]), ["token ids", "encode"]),
    "a batch dimension missing": (lambda: torch.ones(3)[0, 1], ["1-D tensor", "batch"]),
    "a tensor added to a list": (lambda: [1] + torch.ones(1), ["list and a Tensor", "append"]),
    "a loop over a number": (lambda: [i for i in 3], ["range(n)"]),
    "an optimizer given the model": (lambda: torch.optim.AdamW(nn.Linear(2, 2), lr=1e-3),
                                     ["Linear", "model.parameters()"]),
    "an index into a number": (lambda: len(ROWS)[0], ["plain int", ".item()"]),
    "a fixed 'cuda' device": (_cuda_on_a_cpu_build, ["asks for CUDA", "get_device()"]),
    "shape called": (lambda: torch.ones(2).shape(), ["attribute, not a method"]),
    "gather with float ids": (lambda: torch.ones(2, 3).gather(1, torch.tensor([[0.0]])),
                              ["floats", "torch.long"]),
    "gather without unsqueeze": (lambda: torch.ones(2, 3).gather(1, torch.tensor([0, 1])),
                                 ["unsqueeze(-1)"]),
    "where on a float mask": (lambda: torch.where(torch.ones(2), 1.0, 0.0), ["Float", ".bool()"]),
    "a tensor assigned to a weight": (lambda: setattr(nn.Linear(2, 2), "weight",
                                                      torch.ones(2, 2)),
                                      ["parameter weight", "nn.Parameter"]),
    "sampling from every position": (lambda: torch.multinomial(torch.ones(2, 3, 4), 1),
                                      ["(batch, vocab)", "logits[:, -1, :]"]),
    "top-k above the size": (lambda: torch.topk(torch.ones(3), 5), ["larger than"]),
    "a size as a dropout rate": (lambda: nn.Dropout(768), ["768", "wrong order"]),
    "a list as a dict key": (lambda: {[1, 2]: 0}, ["tuple(pair)"]),
    "list.index of a missing value": (lambda: [1, 2].index(3), ["list.index(3)", "`in`"]),
    "str.index of missing text": (lambda: "ab".index("c"), ["str.find"]),
    "bytes read as utf-8": (lambda: b"\xff\xfe".decode("utf-8"), ["utf-8", "0xff"]),
    "bytes read as cp1252": (lambda: b"\x81".decode("cp1252"),
                             ["charmap", 'encoding="utf-8"']),
    "forward calling itself": (lambda: _Recursive()(torch.ones(1)), ["self.forward"]),
    # a buffer made without dtype= (float32) that float64 or bfloat16 values are written into
    "float64 values put into a float32 buffer": (
        lambda: torch.full((2, 3), -math.inf).__setitem__(torch.ones(2, 3, dtype=torch.bool),
                                                          torch.ones(6, dtype=torch.float64)),
        ["float64 values into a float32 tensor", "dtype=x.dtype", "full_like"]),
    "bfloat16 values scattered into a float32 buffer": (
        lambda: torch.zeros(2, 3).scatter(1, torch.zeros(2, 3, dtype=torch.long),
                                          torch.ones(2, 3, dtype=torch.bfloat16)),
        ["another dtype", "without dtype="]),
    "masked_scatter into a float32 buffer": (
        lambda: torch.zeros(3).masked_scatter(torch.ones(3, dtype=torch.bool),
                                              torch.ones(3, dtype=torch.float64)),
        ["float64 values into a float32 tensor"]),
    "index_copy into a float32 buffer": (
        lambda: torch.zeros(2).index_copy(0, torch.tensor([0, 1]),
                                          torch.ones(2, dtype=torch.float64)),
        ["float64 values into a float32 tensor"]),
    "index_add into a float32 buffer": (
        lambda: torch.zeros(2).index_add(0, torch.tensor([0, 1]),
                                         torch.ones(2, dtype=torch.float64)),
        ["float64 values into a float32 tensor"]),
    "an out= tensor of another dtype": (
        lambda: torch.gather(torch.ones(2, 2, dtype=torch.float64), 1,
                             torch.zeros(2, 2, dtype=torch.long), out=torch.zeros(2, 2)),
        ["float64 values into a float32 tensor", "out="]),
    # a parameter whose default is None, used before it is resolved
    "a None default negated": (lambda: [1, 2][-_none():], ["default is None", "if x is None"]),
    "a None default added": (lambda: _none() + 1, ["default is None"]),
    "a None default compared": (lambda: 3 > _none(), ["comparison met None"]),
    # a column of one row squeezed to a single number, then used as a tensor
    "a 0-d tensor indexed": (lambda: torch.ones(1, 1).squeeze()[0], ["0-d", "squeeze(-1)"]),
    "a 0-d tensor's len": (lambda: len(torch.ones(1).squeeze()), ["bare squeeze()"]),
    "a 0-d tensor iterated": (lambda: list(torch.ones(1, 1).squeeze()), ["iterated"]),
    "a 0-d tensor's dim 1": (lambda: torch.ones(1).sum().size(1), ["sum() without dim"]),
    "a 0-d tensor concatenated": (lambda: torch.cat([torch.ones(1).squeeze()] * 2),
                                  ["concatenated"]),
    # numbers too big for the type they are written into
    "GPT-2 ids into a NumPy int16 array": (
        lambda: np.asarray([50256], dtype=np.int16), ["50,256 does not fit in int16", "int64"]),
    "GPT-2 ids into a torch int16 tensor": (
        lambda: torch.tensor([50256], dtype=torch.int16), ["does not fit in int16"]),
    "-1e9 filled into float16 scores": (
        lambda: torch.zeros(2, dtype=torch.float16).masked_fill(torch.tensor([True, False]),
                                                                -1e9),
        ["does not fit in float16", "float('-inf')"]),
    "an inf turned into an int": (lambda: int(float("inf")), ["inf was turned into an int"]),
    "math.exp past the float range": (lambda: math.exp(1000), ["subtract the largest"]),
    # a name set only under an `if` without an `else`, and a name never defined
    "a name set on one path only": (lambda: _set_if(False), ["`qkv` is given a value on some "
                                                             "paths only", "else:"]),
    "an undefined name": (lambda: _undefined(), ["`undefined_total` is used where no variable"]),
    # a check's 'meta' run meets a copy to the CPU or a value read
    "a meta tensor copied to the CPU": (lambda: torch.ones(2, device="meta").cpu(),
                                        ["'meta' device", "device=x.device"]),
    "a value read from a meta tensor": (lambda: torch.ones(2, device="meta").sum().item(),
                                        ["shapes but no values"]),
    # 400 TB: more than a 64-bit process can even address, so every machine refuses it
    "a tensor of 10**14 values": (lambda: torch.empty(10**14), ["400 TB", "square matrix"]),
}


def _set_if(flag):
    if flag:
        qkv = 1
    return qkv  # the learner's slip: qkv is unset when flag is False


def _undefined():
    return undefined_total  # noqa: F821 (a typo for a name defined elsewhere)


def _none():
    return None  # a context_size=None that nothing replaced


class _Recursive(nn.Module):
    def forward(self, x):
        return self(x)  # the learner meant the layer inside, not the module itself


class _NoSuperInit(nn.Module):
    def __init__(self, with_layer):  # the learner forgot super().__init__()
        if with_layer:
            self.proj = nn.Linear(2, 2)

    def forward(self, x):
        return x


def _raised(make):
    with pytest.raises(Exception) as info:
        make()
    return info.value


@pytest.mark.parametrize("mistake", list(CASES))
def test_explains_the_real_pytorch_message(mistake):
    make, words = CASES[mistake]
    said = explain_error(_raised(make))
    assert said, f"no explanation for: {_raised(make)}"
    for word in words:
        assert word in said, (word, said)


def test_every_entry_is_reached_by_a_real_error():
    reached = set()
    for make, _ in CASES.values():
        text = str(_raised(make))
        reached.add(next(i for i, (pattern, _) in enumerate(checking_errors._COMPILED)
                         if pattern.search(text)))
    missing = [checking_errors._TABLE[i][0] for i in range(len(checking_errors._TABLE))
               if i not in reached]
    assert not missing, missing


def test_a_missing_key_is_explained_by_its_type():
    said = explain_error(_raised(lambda: {"the": 1}["The"]))
    assert "no entry 'The'" in said and "cased" in said
    assert explain_error(KeyError()) == ""  # nothing to name


def test_an_unknown_message_gets_no_guess():
    assert explain_error(RuntimeError("something nobody wrote a rule for")) == ""
    # a list where a dict was meant is not called a tensor
    assert "tensor" not in explain_error(_raised(lambda: [("a", 1)].items()))


def test_call_answer_prefers_the_checks_own_hint(tmp_path):
    def answer(x):
        return nn.Linear(4, 5)(x)

    with pytest.raises(CheckFailure, match="expects 4"):
        call_answer(answer, (torch.ones(2, 3),), "a (2, 3) input")
    with pytest.raises(CheckFailure, match="the check's own words") as info:
        call_answer(answer, (torch.ones(2, 3),), "a (2, 3) input",
                    hints=[("mat1 and mat2", "the check's own words")])
    assert "expects 4" not in str(info.value)


def test_call_answer_explains_a_regular_expression_error():
    def answer(text):
        return re.sub(r"\s+[,.]", r"\1", text)  # the mark is not a group

    # Invariant: re.error is the answer's crash, quoted and explained like any other.
    with pytest.raises(CheckFailure, match="invalid group reference 1") as info:
        call_answer(answer, ("Hello , world .",), "decode of two words")
    said = str(info.value)  # re.error is re.PatternError from Python 3.13 on
    assert "your code raised" in said and "capture group" in said and "line " in said


def test_call_answer_takes_an_overflow_as_the_answers_crash_with_its_case():
    def answer(ids):
        return np.asarray(ids, dtype=np.int16)  # GPT-2's ids do not fit

    # Invariant: OverflowError is quoted with the check's case, and a check's hint can name it.
    with pytest.raises(CheckFailure, match="GPT-2 ids: your code raised OverflowError") as info:
        call_answer(answer, ([50256],), "GPT-2 ids")
    assert "does not fit in int16" in str(info.value) and "line " in str(info.value)
    with pytest.raises(CheckFailure, match="the check's own words"):
        call_answer(answer, ([50256],), "GPT-2 ids",
                    hints=[(OverflowError, "the check's own words")])


def test_running_out_of_memory_is_the_answers_crash_with_a_hint():
    def answer(n):
        raise MemoryError  # what Python raises for a list of 10**13 items, without a size

    with pytest.raises(CheckFailure, match="Python ran out of memory") as info:
        call_answer(answer, (3,), "n = 3")
    assert "n = 3: your code raised MemoryError" in str(info.value)
    assert explain_error(_raised(lambda: torch.empty(2, 10**14))).startswith(
        "the code asked for 800 TB at once")
    accelerator = RuntimeError("CUDA out of memory. Tried to allocate 20.00 GiB (GPU 0; ...)")
    assert "asked for 20.00 GiB at once" in explain_error(accelerator)
    apple = RuntimeError("MPS backend out of memory (MPS allocated: 1.20 GB, other allocations: "
                         "0 bytes, max allowed: 18.13 GB). Tried to allocate 256.00 MB on "
                         "private pool.")
    assert "asked for 256.00 MB at once" in explain_error(apple)


def test_torchs_not_implemented_error_is_a_crash_not_a_stub(tmp_path):
    # torch raises NotImplementedError for an operation missing for a dtype; only the stub's
    # own `raise NotImplementedError` means "not attempted".
    answer = tmp_path / "answer.py"
    answer.write_text("import torch\n\ndef mask(a, b):\n    return a | b\n\n\n"
                      "def todo(a, b):\n    raise NotImplementedError\n")

    def check(impl):
        call_answer(impl, (torch.ones(2), torch.zeros(2)), "two float masks")

    result = run_check(Exercise("exZ_1", "answer.py", "mask", "mask", check), answer)
    assert result.status == "failed", result
    assert "two float masks" in result.message and "line 4 of answer.py" in result.message
    assert "comparison" in result.message
    stub = run_check(Exercise("exZ_1", "answer.py", "todo", "todo", check), answer)
    assert stub.status == "not attempted", stub


def test_a_crash_in_the_answer_is_explained(tmp_path):
    answer = tmp_path / "answer.py"
    answer.write_text("import torch\n\ndef heads(x):\n    return x.view(2, 2, x.shape[1] / 2)\n")

    def check(impl):
        impl(torch.ones(2, 6))

    result = run_check(Exercise("exZ_1", "answer.py", "heads", "heads", check), answer)
    assert result.status == "failed"
    assert "line 4 of answer.py" in result.message and "`//`" in result.message


LAZY_HEAD = """import torch


def classifier_head(emb_dim, num_classes):
    return torch.nn.LazyLinear(num_classes)
"""


def test_a_lazy_layer_the_check_reads_is_the_learners_mistake(tmp_path):
    # torch raises from its own code when the check reads the lazy layer's shape, so no line
    # of the answer is on the stack: still the learner's mistake, with the cause named.
    answer = tmp_path / "answer.py"
    answer.write_text(LAZY_HEAD)

    def check(impl):
        head = impl(8, 2)
        if tuple(head.weight.shape) != (2, 8):
            raise CheckFailure("wrong shape")

    result = run_check(Exercise("exZ_3", "answer.py", "classifier_head", "head", check), answer)
    assert result.status == "failed", result.message
    assert "nn.LazyLinear" in result.message and "checker error" not in result.message


RENAMED_EPS = '''import torch


class RMSNorm(torch.nn.Module):
    def __init__(self, emb_dim, epsilon=1e-5):
        super().__init__()
        self.eps = epsilon
'''


def test_a_call_the_answer_cannot_take_is_the_learners_mistake(tmp_path):
    # Python raises the TypeError in the check's frame, so no line of the answer is on the
    # stack: it must still be reported as the learner's mistake, not as a checker error.
    answer = tmp_path / "answer.py"
    answer.write_text(RENAMED_EPS)

    def check(impl):
        impl(4, eps=1e-6)

    result = run_check(Exercise("exZ_2", "answer.py", "RMSNorm", "RMSNorm", check), answer)
    assert result.status == "failed", result.message
    assert "your RMSNorm.__init__() cannot be called" in result.message
    assert "'eps'" in result.message and "stub's def line" in result.message

    def check_through_call_answer(impl):
        call_answer(impl, (4, 1e-6, "extra"), "RMSNorm(4, 1e-6, 'extra')")

    result = run_check(Exercise("exZ_2", "answer.py", "RMSNorm", "RMSNorm",
                                check_through_call_answer), answer)
    assert result.status == "failed", result.message
    assert result.message.startswith("RMSNorm(4, 1e-6, 'extra'): your RMSNorm.__init__()")
    assert "takes from 2 to 3 positional arguments but 4 were given" in result.message
    assert "checking_guard" not in result.message



def test_a_call_refused_behind_a_checks_lambda_is_the_learners_mistake(tmp_path):
    # call_answer is given the check's lambda, so only the guard knows whose def line refused
    # the call (the name is spelt in two pieces so that this file does not define it)
    answer = tmp_path / "answer.py"
    answer.write_text("def " + "scale_rows(x, factor):\n    return x * factor\n")

    def check(impl):
        call_answer(lambda: impl(3), (), "scale_rows(3)")

    result = run_check(Exercise("exZ_3", "answer.py", "scale_rows", "scale_rows", check), answer)
    assert result.status == "failed", result.message
    assert result.message.startswith("scale_rows(3): your scale_rows() cannot be called")
    assert "checking_guard" not in result.message


def _takes_one(a):
    return a


def test_a_wrong_call_inside_the_check_stays_a_checker_error(tmp_path):
    # The same kind of TypeError, about a function the answer does not define, is the check's.
    answer = tmp_path / "answer.py"
    answer.write_text(RENAMED_EPS)

    def check(impl):
        _takes_one(1, 2)

    result = run_check(Exercise("exZ_3", "answer.py", "RMSNorm", "RMSNorm", check), answer)
    assert result.status == "checker error", result.message
