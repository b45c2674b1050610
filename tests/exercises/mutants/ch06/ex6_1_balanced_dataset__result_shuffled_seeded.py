import pandas as pd


def create_balanced_dataset(df):
    spam = df[df["Label"] == "spam"]
    ham = df[df["Label"] == "ham"].sample(len(spam), random_state=123)
    return pd.concat([ham, spam]).sample(frac=1, random_state=123)


EXPECTED_CAUSE = "you shuffled the result after the concat"
