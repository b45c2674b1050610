# Correct: sample(frac=1, random_state=123).head(k) draws the same first k as sample(k)
import pandas as pd


def create_balanced_dataset(df):
    spam = df[df["Label"] == "spam"]
    ham = df[df["Label"] == "ham"].sample(frac=1, random_state=123).head(len(spam))
    return pd.concat([ham, spam])
