# MUTANT: the instruction wrapped in double quotes (no replay: the piece fallback names it)
EXPECTED_CAUSE = "Yours adds '\"' before it and '\"' after it"


def format_input(entry):
    instruction_text = (
        "Below is an instruction that describes a task. "
        "Write a response that appropriately completes the request."
        f"\n\n### Instruction:\n\"{entry['instruction']}\""
    )
    input_text = f"\n\n### Input:\n{entry['input']}" if entry["input"] else ""
    return instruction_text + input_text
