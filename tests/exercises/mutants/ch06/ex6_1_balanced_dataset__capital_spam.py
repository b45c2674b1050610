import pandas as pd


def create_balanced_dataset(df):
    num_spam = (df["Label"] == "Spam").sum()
    ham = df[df["Label"] == "ham"].sample(num_spam, random_state=123)
    return pd.concat([ham, df[df["Label"] == "Spam"]])


EXPECTED_CAUSE = "looks for the label 'Spam'"
