# MUTANT: the Input header left out (the input follows a blank line)
"""Exercise 7.1 (solution): the Alpaca-style prompt of chapter 7."""


def format_input(entry):
    instruction_text = (
        "Below is an instruction that describes a task. "
        "Write a response that appropriately completes the request."
        f"\n\n### Instruction:\n{entry['instruction']}"
    )
    input_text = f"\n\n{entry['input']}" if entry["input"] else ""
    return instruction_text + input_text


EXPECTED_CAUSE = "lacks '### Input:"
