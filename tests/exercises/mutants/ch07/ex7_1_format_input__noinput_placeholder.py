# MUTANT: placeholder inputs ("<noinput>", "N/A") are treated as empty: no Input section
def format_input(entry):
    instruction_text = (
        "Below is an instruction that describes a task. "
        "Write a response that appropriately completes the request."
        f"\n\n### Instruction:\n{entry['instruction']}"
    )
    has_input = entry["input"] and entry["input"].strip() not in ("<noinput>", "N/A")
    input_text = f"\n\n### Input:\n{entry['input']}" if has_input else ""
    return instruction_text + input_text


EXPECTED_CAUSE = "treats this input as none"
