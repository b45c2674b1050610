import pandas as pd


def create_balanced_dataset(df):
    spam = df[df["Label"] == "spam"]
    ham = df[~df["Text"].isin(spam["Text"])]
    return pd.concat([ham.sample(len(spam), random_state=123), spam])


EXPECTED_CAUSE = 'ham rows were chosen by their TEXT'
