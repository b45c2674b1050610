import pandas as pd


def create_balanced_dataset(df):
    spam = df[df["Label"] == "spam"].sort_index()
    ham = df[df["Label"] == "ham"].sample(len(spam), random_state=123)
    return pd.concat([ham, spam])


EXPECTED_CAUSE = "the spam rows were sorted by index"
