# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):
    """How the modules that create users hand out the passwords they generate."""

    DOCUMENTATION = r'''
options:
  generated_passwords_file:
    description:
      - A CSV file that receives every password the module generated for a user created without a
        password, with the header C(extension,first_name,last_name,email,password,status).
      - >-
        C(status) is V(created); or V(unconfirmed) when the answer to the create was lost and reading the
        user back failed, so the PBX may hold the user with this password; or
        C(created, follow-up failed: <reason>) when the user was created but a later write for it (such
        as its primary department) failed. The task fails in the last two cases.
      - The file is written even when the task then fails, because the PBX may hold the password. A row
        replaces an earlier row of the same extension; other rows are kept. The file is replaced atomically
        and always has mode C(0600). Nothing is written in check mode.
      - A cell that a spreadsheet would run as a formula (one that begins with C(=), C(+), C(-), C(@), a tab or a
        carriage return; a generated password can) is written with a leading C(') that makes it text, as OWASP
        advises against CSV injection. Remove that C(') when you copy such a password by hand from a text
        editor; a spreadsheet shows the cell without it, and P(tcx.xapi.users_from_csv#filter) reads it without it.
      - A relative path is resolved against the working directory of the module (with the local
        connection, the directory C(ansible-playbook) was started in); prefer an absolute path such as
        C({{ playbook_dir }}/passwords.csv). Its directory must exist, else the task fails before any write.
      - The file holds secrets in clear text; keep it out of version control and remove it once the
        passwords are handed out.
    type: path
  return_generated_passwords:
    description:
      - >-
        Return the generated passwords in the result (C(generated_password) of M(tcx.xapi.tcx_user),
        C(generated_passwords) of M(tcx.xapi.tcx_config)). Put C(no_log: true) on such a task, or the
        passwords show in the output and in AWX job events.
      - By default no password is in any result, diff or warning; when a password was generated and
        neither this nor O(generated_passwords_file) is set, a warning says so, without the password.
    type: bool
    default: false
'''
