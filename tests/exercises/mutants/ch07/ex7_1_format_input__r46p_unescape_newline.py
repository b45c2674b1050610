# MUTANT: a written backslash-n in the record turned into a newline with str.replace
"""A wrong answer kept by round 46 (writer p)."""

EXPECTED_CAUSE = "was turned into a real newline"


def format_input(entry):
    # some records hold a written "\n"; turn it into a real line break
    instruction = entry["instruction"].replace("\\n", "\n")
    inp = entry["input"].replace("\\n", "\n")
    instruction_text = (
        "Below is an instruction that describes a task. "
        "Write a response that appropriately completes the request."
        f"\n\n### Instruction:\n{instruction}"
    )
    input_text = f"\n\n### Input:\n{inp}" if inp else ""
    return instruction_text + input_text
