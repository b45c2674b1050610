# Correct: RandomState(123).choice(len, n, replace=False) is what DataFrame.sample
# draws; positions taken with .iloc
import numpy as np
import pandas as pd


def create_balanced_dataset(df):
    spam = df[df["Label"] == "spam"]
    ham = df[df["Label"] == "ham"]
    pos = np.random.RandomState(123).choice(len(ham), len(spam), replace=False)
    return pd.concat([ham.iloc[pos], spam])
