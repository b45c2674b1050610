def create_balanced_dataset(df):
    spam = df[df["Label"] == "spam"]
    ham = df[df["Label"] == "ham"].sample(len(spam), random_state=123)
    return ham.append(spam)  # removed in pandas 2.0


EXPECTED_CAUSE = "removed in pandas 2.0"
