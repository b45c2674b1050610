import pandas as pd  # noqa: F401


def create_balanced_dataset(df):
    num_spam = int((df["Label"] == "spam").sum())
    return df.groupby("Label", group_keys=False).sample(n=num_spam, random_state=123)


EXPECTED_CAUSE = "a groupby('Label').sample also samples the spam group"
