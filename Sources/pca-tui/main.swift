print("pca-tui")
