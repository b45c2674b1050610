import pandas as pd


def create_balanced_dataset(df):
    spam = df[df["Label"] == "spam"]
    ham = df[df["Label"] == "ham"].sample(len(spam), random_state=123, axis=1)
    return pd.concat([ham, spam])


EXPECTED_CAUSE = "so it draws COLUMNS"
