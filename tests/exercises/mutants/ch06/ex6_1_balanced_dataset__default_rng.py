import numpy as np
import pandas as pd


def create_balanced_dataset(df):
    num_spam = int((df["Label"] == "spam").sum())
    ham = df[df["Label"] == "ham"].sample(num_spam, random_state=np.random.default_rng(123))
    return pd.concat([ham, df[df["Label"] == "spam"]])


EXPECTED_CAUSE = "is a Generator"
