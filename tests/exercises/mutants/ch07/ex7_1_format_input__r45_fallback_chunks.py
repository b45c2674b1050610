# MUTANT: the instruction cut into 20-character chunks joined by newlines (fallback)
def format_input(entry):
    text = entry["instruction"]
    instruction = "\n".join(text[k:k + 20] for k in range(0, len(text), 20)) if text else text
    instruction_text = (
        "Below is an instruction that describes a task. "
        "Write a response that appropriately completes the request."
        f"\n\n### Instruction:\n{instruction}"
    )
    input_text = f"\n\n### Input:\n{entry['input']}" if entry["input"] else ""
    return instruction_text + input_text


EXPECTED_CAUSE = "every 20 characters"
