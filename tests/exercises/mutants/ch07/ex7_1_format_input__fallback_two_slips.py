# MUTANT: two slips in the Input section: header written "### Input :" and the input's first letter
#   capitalised
def format_input(entry):
    instruction_text = (
        "Below is an instruction that describes a task. "
        "Write a response that appropriately completes the request."
        f"\n\n### Instruction:\n{entry['instruction']}"
    )
    text = entry["input"]
    input_text = f"\n\n### Input :\n{text[:1].upper() + text[1:]}" if text else ""
    return instruction_text + input_text


EXPECTED_CAUSE = 'The last difference lies in the input'
