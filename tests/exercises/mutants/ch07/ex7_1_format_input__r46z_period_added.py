# MUTANT: a period added to an instruction that does not end with . ? or !
EXPECTED_CAUSE = "where the instruction ends"


def format_input(entry):
    instr = entry['instruction']
    if instr and instr[-1] not in '.?!':
        instr += '.'
    instruction_text = (
        "Below is an instruction that describes a task. "
        "Write a response that appropriately completes the request."
        f"\n\n### Instruction:\n{instr}"
    )
    input_text = f"\n\n### Input:\n{entry['input']}" if entry["input"] else ""
    return instruction_text + input_text
