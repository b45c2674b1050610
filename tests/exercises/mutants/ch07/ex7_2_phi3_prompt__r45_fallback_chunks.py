# MUTANT: the instruction cut into 15-character chunks joined by newlines (fallback)
def format_input_phi3(entry):
    text = entry["instruction"]
    instruction = "\n".join(text[k:k + 15] for k in range(0, len(text), 15)) if text else text
    input_text = f"\n{entry['input']}" if entry["input"] else ""
    return f"<|user|>\n{instruction}" + input_text


EXPECTED_CAUSE = "every 15 characters"
