# MUTANT: the label found by filtering the frame on the message's text, so a text that
# appears twice (once spam, once ham) gives both rows its first copy's label
import pandas as pd
import torch
from torch.utils.data import Dataset

EXPECTED_CAUSE = "each got its first copy's label"


class SpamDataset(Dataset):
    def __init__(self, csv_file, tokenizer, max_length=None, pad_token_id=50256):
        self.data = pd.read_csv(csv_file)
        self.texts = self.data["Text"].tolist()
        encoded = [tokenizer.encode(text) for text in self.texts]
        self.max_length = max(len(ids) for ids in encoded) if max_length is None else max_length
        self.encoded_texts = [ids[:self.max_length] + [pad_token_id] * (self.max_length - len(ids))
                              for ids in encoded]

    def __getitem__(self, index):
        text = self.texts[index]
        label = self.data[self.data["Text"] == text]["Label"].iloc[0]
        return (torch.tensor(self.encoded_texts[index], dtype=torch.long),
                torch.tensor(label, dtype=torch.long))

    def __len__(self):
        return len(self.data)
