"""The optional speed path: ``GPTModelFast`` and the opt-in speed options.

The teaching modules of ``llmscratch`` (``model``, ``attention``, ``generation``, ``training``,
...) are written the way the book writes them and never import this package. This package
builds on them: the same weights, ``state_dict`` keys and outputs, computed faster. Import it
by name when you want speed::

    from llmscratch.fast import GPTModelFast, to_fast_model, calc_loss_batch_fast

Public names:

- ``GPTModelFast`` (with ``FastTransformerBlock`` and ``FastMultiHeadAttention``): the chapter-4
  ``GPTModel`` with fused kernels; ``to_fast_model(model)`` copies a ``GPTModel`` into one.
- ``calc_loss_batch_fast``: the book's ``calc_loss_batch`` with the output head and the loss in
  one step for a ``GPTModelFast``.
- The opt-in options, each checked against the platform (``UnsupportedOptionError`` says why
  not and what to do; ``supported_options(device)`` lists them): ``bf16_autocast``,
  ``quantize_for_generation`` (with ``LowPrecisionLinear``), ``compile_model``,
  ``compile_decoding``, ``keep_freed_memory``.

Internal modules: ``kernels`` (the matrix products), ``layers`` (dropout, embeddings),
``decode`` (the one-token decoding step), ``loss`` (the fused head and loss), ``model`` and
``options``. How they fit together and when each kernel is chosen: ``DESIGN.md`` in this
folder. Measurements: ``benchmarks/README.md``. Tests: ``tests/fast/``.
"""

from llmscratch.fast.model import (
    FastMultiHeadAttention,
    FastTransformerBlock,
    GPTModelFast,
    calc_loss_batch_fast,
    to_fast_model,
)
from llmscratch.fast.options import (
    LowPrecisionLinear,
    UnsupportedOptionError,
    bf16_autocast,
    compile_decoding,
    compile_model,
    keep_freed_memory,
    quantize_for_generation,
    supported_options,
)

__all__ = [
    "FastMultiHeadAttention", "FastTransformerBlock", "GPTModelFast", "LowPrecisionLinear",
    "UnsupportedOptionError", "bf16_autocast", "calc_loss_batch_fast", "compile_decoding",
    "compile_model", "keep_freed_memory", "quantize_for_generation", "supported_options",
    "to_fast_model",
]
