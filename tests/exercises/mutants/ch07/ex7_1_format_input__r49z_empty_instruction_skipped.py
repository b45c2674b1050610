# MUTANT: a loop over the fields skips empty values, so an empty instruction loses its section
"""Exercise 7.1 (solution): the Alpaca-style prompt of chapter 7.

This exercise is ours; the book has no exercise on it.

Check it with ``python -m llmscratch check ch07 --solutions``.
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
    prompt = (
        "Below is an instruction that describes a task. "
        "Write a response that appropriately completes the request."
    )
    for key, value in entry.items():
        if key == "output" or not value:
            continue
        prompt += f"\n\n### {key.capitalize()}:\n{value}"
    return prompt


EXPECTED_CAUSE = "leaves out its whole section"
