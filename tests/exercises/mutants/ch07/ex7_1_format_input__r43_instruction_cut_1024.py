# MUTANT: the instruction is cut to its first 1,024 characters (only a long one shows it)
MAX_CHARS = 1024


def format_input(entry):
    instruction = entry["instruction"][:MAX_CHARS]
    text = (
        "Below is an instruction that describes a task. "
        "Write a response that appropriately completes the request."
        f"\n\n### Instruction:\n{instruction}"
    )
    if entry["input"]:
        text += f"\n\n### Input:\n{entry['input']}"
    return text


EXPECTED_CAUSE = "the instruction is cut short: yours keeps only its first 1024"
