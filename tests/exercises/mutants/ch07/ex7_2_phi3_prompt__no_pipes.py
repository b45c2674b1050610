# MUTANT: the tag written <user> without the pipes
def format_input_phi3(entry):
    text = f"<user>\n{entry['instruction']}"
    if entry["input"]:
        text += f"\n{entry['input']}"
    return text


EXPECTED_CAUSE = "the user tag is written '<user>'"
