# MUTANT: an input that is the word "None" (or "none") is treated as no input, so its Input
# section is dropped
def format_input(entry):
    instruction_text = (
        "Below is an instruction that describes a task. "
        "Write a response that appropriately completes the request."
        f"\n\n### Instruction:\n{entry['instruction']}"
    )
    inp = entry["input"]
    has_input = bool(inp) and inp.strip().lower() != "none"
    input_text = f"\n\n### Input:\n{inp}" if has_input else ""
    return instruction_text + input_text

EXPECTED_CAUSE = "though the input is 'None'"
