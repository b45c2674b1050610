# MUTANT: the fields unpacked from entry.values() (keys in another order mix them up)
def format_input(entry):
    instruction, input_text, *_ = entry.values()
    instruction_text = (
        "Below is an instruction that describes a task. "
        "Write a response that appropriately completes the request."
        f"\n\n### Instruction:\n{instruction}"
    )
    return instruction_text + (f"\n\n### Input:\n{input_text}" if input_text else "")


EXPECTED_CAUSE = "reads the fields by position"
