# Correct: df.query for the two labels, n as len(spam), pd.concat with axis=0 spelled out
import pandas as pd


def create_balanced_dataset(df):
    spam = df.query("Label == 'spam'")
    ham = df.query("Label == 'ham'").sample(n=len(spam), random_state=123)
    return pd.concat([ham, spam], axis=0)
