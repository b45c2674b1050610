"""Exercise 7.1: the Alpaca-style prompt of chapter 7.

This exercise is ours; the book has no exercise on it.

Edit this file, then check it with ``python -m llmscratch check ch07``.
The answer is in ../solutions/ex7_1_format_input.py (try first!).
"""


def format_input(entry):
    """Turn an instruction record into the Alpaca prompt (without the response).

    ``entry`` is a dict with ``instruction``, ``input`` and ``output`` strings. The prompt is a
    fixed preamble, a blank line, ``### Instruction:`` and the instruction on the next line, and,
    only when ``input`` is not empty, a blank line, ``### Input:`` and the input. The preamble is
    "Below is an instruction that describes a task. Write a response that appropriately
    completes the request." Example: ``{"instruction": "Name a color.", "input": "", ...}``
    gives ``preamble + "\\n\\n### Instruction:\\nName a color."``.
    """
    raise NotImplementedError("your code here")
