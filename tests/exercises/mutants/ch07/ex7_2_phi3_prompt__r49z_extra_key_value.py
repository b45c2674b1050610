# MUTANT: the value of every key besides instruction and output is appended, a record's 'id' too
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
    prompt = f"<|user|>\n{entry['instruction']}"
    for key, value in entry.items():
        if key not in ("instruction", "output") and value:
            prompt += f"\n{value}"
    return prompt


EXPECTED_CAUSE = "a key besides instruction, input and output"
