# MUTANT: the input's header written '### Context:' (no replay: the fallback's piece)
def format_input(entry):
    """Turn an instruction record into the Alpaca prompt (without the response).

    ``entry`` is a dict with ``instruction``, ``input`` and ``output`` strings. The prompt is a
    fixed preamble, a blank line, ``### Instruction:`` and the instruction on the next line, and,
    only when ``input`` is not empty, a blank line, ``### Context:`` and the input. The preamble is
    "Below is an instruction that describes a task. Write a response that appropriately
    completes the request." Example: ``{"instruction": "Name a color.", "input": "", ...}``
    gives ``preamble + "\\n\\n### Instruction:\\nName a color."``.
    """
    instruction_text = (
        "Below is an instruction that describes a task. "
        "Write a response that appropriately completes the request."
        f"\n\n### Instruction:\n{entry['instruction']}"
    )
    input_text = f"\n\n### Context:\n{entry['input']}" if entry["input"] else ""
    return instruction_text + input_text


EXPECTED_CAUSE = "yours has 'Context' where the prompt has 'Input'"
