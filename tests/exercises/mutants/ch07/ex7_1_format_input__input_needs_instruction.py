# MUTANT: the Input section added only when the instruction is also non-empty (an empty instruction
#   loses its input)
def format_input(entry):
    instruction_text = (
        "Below is an instruction that describes a task. "
        "Write a response that appropriately completes the request."
        f"\n\n### Instruction:\n{entry['instruction']}"
    )
    has_input = entry["input"] and entry["instruction"]
    input_text = f"\n\n### Input:\n{entry['input']}" if has_input else ""
    return instruction_text + input_text


EXPECTED_CAUSE = 'whatever the instruction'
