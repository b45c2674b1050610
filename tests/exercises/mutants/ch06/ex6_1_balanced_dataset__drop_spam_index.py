import pandas as pd


def create_balanced_dataset(df):
    spam = df[df["Label"] == "spam"]
    ham = df.drop(spam.index)
    return pd.concat([ham.sample(len(spam), random_state=123), spam])

EXPECTED_CAUSE = "dropping the spam rows' index LABELS"
