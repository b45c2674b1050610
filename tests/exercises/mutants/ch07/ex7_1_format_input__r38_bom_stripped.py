# MUTANT: a leading byte-order mark (U+FEFF) is stripped from the instruction and input
def format_input(entry):
    instruction = entry["instruction"].lstrip("\ufeff")
    given = entry["input"].lstrip("\ufeff")
    instruction_text = (
        "Below is an instruction that describes a task. "
        "Write a response that appropriately completes the request."
        f"\n\n### Instruction:\n{instruction}"
    )
    input_text = f"\n\n### Input:\n{given}" if given else ""
    return instruction_text + input_text

EXPECTED_CAUSE = "byte-order mark (U+FEFF"
