name = 'ok_unicode_comments'
version = '1.0.0'
# café 日本語 🎉
requires = ['a-1']  # naïve ✓
# ΑΒΓ
timestamp = 1600129484
