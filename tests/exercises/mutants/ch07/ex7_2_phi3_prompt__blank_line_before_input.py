# Mutant: blank line (two newlines) before the input.
"""Exercise 7.2 (solution): the Phi-3 prompt style (the book's exercise 7.1).

This is book exercise 7.1.

Check it with ``python -m llmscratch check ch07 --solutions``.
"""


def format_input_phi3(entry):
    """Turn an instruction record into a Phi-3 style prompt (without the response).

    The prompt is ``<|user|>``, a newline, the instruction, and, only when ``input`` is not
    empty, a newline and the input. (The response would follow as ``"\\n<|assistant|>:\\n"``
    plus the output; ``InstructionDataset(..., prompt_style="phi3")`` adds it.) Example::

        format_input_phi3({"instruction": "Identify the correct spelling of the following word.",
                           "input": "Ocassion", "output": "..."})
        == "<|user|>\\nIdentify the correct spelling of the following word.\\nOcassion"
    """
    input_text = f"\n\n{entry['input']}" if entry["input"] else ""
    return f"<|user|>\n{entry['instruction']}" + input_text

EXPECTED_CAUSE = "the Phi-3 style uses one newline"
