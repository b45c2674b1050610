# MUTANT: adds Phi-3's real <|end|> tag after the user's text
def format_input_phi3(entry):
    text = f"<|user|>\n{entry['instruction']}"
    if entry["input"]:
        text += f"\n{entry['input']}"
    return text + "<|end|>"


EXPECTED_CAUSE = "'<|end|>' is added"
