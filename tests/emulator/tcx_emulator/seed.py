"""Seed data and default property values of new entities."""

import secrets
import string

# (Id, Windows name, IANA name, display name) - Id "51" is UTC like on a real PBX's table.
TIME_ZONES = [
    ('1', 'Dateline Standard Time', 'Etc/GMT+12', '(UTC-12:00) International Date Line West'),
    ('2', 'Hawaiian Standard Time', 'Pacific/Honolulu', '(UTC-10:00) Hawaii'),
    ('3', 'Alaskan Standard Time', 'America/Anchorage', '(UTC-09:00) Alaska'),
    ('4', 'Pacific Standard Time', 'America/Los_Angeles', '(UTC-08:00) Pacific Time (US & Canada)'),
    ('10', 'US Mountain Standard Time', 'America/Phoenix', '(UTC-07:00) Arizona'),
    ('11', 'Mountain Standard Time', 'America/Denver', '(UTC-07:00) Mountain Time (US & Canada)'),
    ('20', 'Central Standard Time', 'America/Chicago', '(UTC-06:00) Central Time (US & Canada)'),
    ('21', 'Central Standard Time (Mexico)', 'America/Mexico_City', '(UTC-06:00) Guadalajara, Mexico City, Monterrey'),
    ('35', 'Eastern Standard Time', 'America/New_York', '(UTC-05:00) Eastern Time (US & Canada)'),
    ('36', 'SA Pacific Standard Time', 'America/Bogota', '(UTC-05:00) Bogota, Lima, Quito, Rio Branco'),
    ('40', 'Atlantic Standard Time', 'America/Halifax', '(UTC-04:00) Atlantic Time (Canada)'),
    ('45', 'E. South America Standard Time', 'America/Sao_Paulo', '(UTC-03:00) Brasilia'),
    ('46', 'Argentina Standard Time', 'America/Argentina/Buenos_Aires', '(UTC-03:00) City of Buenos Aires'),
    ('48', 'Azores Standard Time', 'Atlantic/Azores', '(UTC-01:00) Azores'),
    ('50', 'GMT Standard Time', 'Europe/London', '(UTC+00:00) Dublin, Edinburgh, Lisbon, London'),
    ('51', 'UTC', 'Etc/UTC', '(UTC) Coordinated Universal Time'),
    ('52', 'Greenwich Standard Time', 'Atlantic/Reykjavik', '(UTC+00:00) Monrovia, Reykjavik'),
    ('60', 'W. Europe Standard Time', 'Europe/Berlin', '(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna'),
    ('61', 'Central Europe Standard Time', 'Europe/Budapest', '(UTC+01:00) Belgrade, Bratislava, Budapest, Ljubljana, Prague'),
    ('62', 'Romance Standard Time', 'Europe/Paris', '(UTC+01:00) Brussels, Copenhagen, Madrid, Paris'),
    ('63', 'Central European Standard Time', 'Europe/Warsaw', '(UTC+01:00) Sarajevo, Skopje, Warsaw, Zagreb'),
    ('70', 'GTB Standard Time', 'Europe/Bucharest', '(UTC+02:00) Athens, Bucharest'),
    ('71', 'South Africa Standard Time', 'Africa/Johannesburg', '(UTC+02:00) Harare, Pretoria'),
    ('72', 'FLE Standard Time', 'Europe/Kiev', '(UTC+02:00) Helsinki, Kyiv, Riga, Sofia, Tallinn, Vilnius'),
    ('73', 'Israel Standard Time', 'Asia/Jerusalem', '(UTC+02:00) Jerusalem'),
    ('80', 'Russian Standard Time', 'Europe/Moscow', '(UTC+03:00) Moscow, St. Petersburg'),
    ('81', 'Arabic Standard Time', 'Asia/Baghdad', '(UTC+03:00) Baghdad'),
    ('85', 'Arabian Standard Time', 'Asia/Dubai', '(UTC+04:00) Abu Dhabi, Muscat'),
    ('90', 'India Standard Time', 'Asia/Kolkata', '(UTC+05:30) Chennai, Kolkata, Mumbai, New Delhi'),
    ('95', 'SE Asia Standard Time', 'Asia/Bangkok', '(UTC+07:00) Bangkok, Hanoi, Jakarta'),
    ('100', 'China Standard Time', 'Asia/Shanghai', '(UTC+08:00) Beijing, Chongqing, Hong Kong, Urumqi'),
    ('101', 'Singapore Standard Time', 'Asia/Singapore', '(UTC+08:00) Kuala Lumpur, Singapore'),
    ('105', 'Tokyo Standard Time', 'Asia/Tokyo', '(UTC+09:00) Osaka, Sapporo, Tokyo'),
    ('110', 'AUS Eastern Standard Time', 'Australia/Sydney', '(UTC+10:00) Canberra, Melbourne, Sydney'),
    ('115', 'New Zealand Standard Time', 'Pacific/Auckland', '(UTC+12:00) Auckland, Wellington'),
]

DEFAULT_PROMPT_SET = '1e6ed594-af95-4bb4-af56-b957ac87d6d7'

ROLE_RIGHTS = {
    'system_owners': (True, True, True, True, True),
    'system_admins': (True, True, True, True, True),
    'group_owners': (True, True, True, True, True),
    'managers': (True, True, True, False, True),
    'group_admins': (True, True, True, True, False),
    'receptionists': (True, True, False, False, True),
    'users': (False, False, False, False, True),
    'observers': (False, True, False, False, False),
}


def time_zones():
    """``Pbx.TimeZone`` rows."""
    return [{'Id': tz_id, 'WindowsName': windows, 'IanaName': iana, 'Name': name} for tz_id, windows, iana, name in TIME_ZONES]


def rights_for(role_name):
    """A ``Pbx.Rights`` object for a role."""
    manage, see_members, barge, book, presence = ROLE_RIGHTS.get(role_name, ROLE_RIGHTS['users'])
    return {
        'RoleName': role_name, 'AllowIVR': manage, 'AllowParking': True, 'AllowToChangePresence': presence,
        'AllowToManageCompanyBook': book, 'AssignClearOperations': manage, 'CanBargeIn': barge, 'CanIntercom': barge,
        'CanSeeGroupCalls': see_members, 'CanSeeGroupMembers': see_members, 'CanSeeGroupRecordings': manage,
        'Invalid': False, 'PerformOperations': manage, 'ShowMyCalls': True, 'ShowMyPresence': True, 'ShowMyPresenceOutside': False,
    }


def _secret(length, alphabet=string.ascii_letters + string.digits):
    return ''.join(secrets.choice(alphabet) for _position in range(length))


def _empty_destination():
    return {'To': 'None', 'Number': None, 'External': None, 'Name': None, 'Type': 'None', 'Tags': []}


def empty_route():
    """A ``Pbx.Route`` that routes nowhere."""
    return {'IsPromptEnabled': False, 'Prompt': None, 'Route': _empty_destination()}


def new_user_defaults():
    """Every plain property of a fresh ``Pbx.User`` with realistic values (secrets generated)."""
    return {
        'Id': 0, 'Number': None, 'FirstName': '', 'LastName': '', 'DisplayName': '', 'EmailAddress': '', 'Mobile': '',
        'OutboundCallerID': '', 'Language': 'EN', 'PromptSet': DEFAULT_PROMPT_SET,
        'AccessPassword': _secret(10), 'AuthID': _secret(10), 'AuthPassword': _secret(10), 'DeskphonePassword': _secret(12),
        'VMPIN': _secret(4, string.digits), 'SIPID': '', 'Require2FA': False, 'Enable2FA': False, 'Enabled': True, 'Internal': False,
        'SendEmailMissedCalls': True, 'VMEmailOptions': 'Notification', 'VMEnabled': True, 'VMDisablePinAuth': False,
        'VMPlayCallerID': False, 'VMPlayMsgDateTime': 'None', 'PrimaryGroupId': None, 'ClickToCallId': None,
        'CallUsEnableChat': False, 'CallUsEnablePhone': False, 'CallUsEnableVideo': False, 'CallUsRequirement': 'Both',
        'WebMeetingFriendlyName': None, 'WebMeetingApproveParticipants': False, 'TranscriptionMode': 'Inherit',
        'AIAgent': False, 'AllowLanOnly': True, 'AllowOwnRecordings': False, 'BlockTunnel': False, 'CallScreening': False,
        'ContactImage': '', 'CurrentProfileName': 'Available', 'DatevEnabled': False, 'EmergencyAdditionalInfo': None,
        'EmergencyLocationId': None, 'EnableHotdesking': False, 'ForbidRecording': False, 'GoogleCalendarEnabled': False,
        'GoogleContactsEnabled': False, 'GoogleSignInEnabled': True, 'HideInPhonebook': False, 'HotdeskingAssignment': None,
        'IsRegistered': False, 'MS365CalendarEnabled': False, 'MS365ContactsEnabled': False, 'MS365SignInEnabled': True,
        'MS365TeamsEnabled': False, 'MyPhoneAllowDeleteRecordings': False, 'MyPhoneHideForwardings': False, 'MyPhonePush': True,
        'MyPhoneShowRecordings': False, 'OfficeHoursProps': [], 'PbxDeliversAudio': False, 'PinProtected': False,
        'PinProtectTimeout': 0, 'QueueStatus': 'LoggedOut', 'RecordCalls': False, 'RecordEmailNotify': False,
        'RecordExternalCallsOnly': False, 'SRTPMode': 'SRTPDisabled', 'Tags': [], 'Blfs': None,
        'AgentSettings': None, 'BreakTime': None, 'Hours': None,
    }


def new_group_defaults():
    """Every plain property of a fresh ``Pbx.Group``."""
    return {
        'Id': 0, 'Number': None, 'Name': None, 'IsDefault': False, 'Language': 'EN', 'TimeZoneId': '51',
        'PromptSet': DEFAULT_PROMPT_SET, 'AllowCallService': True, 'DisableCustomPrompt': True, 'CustomPrompt': None,
        'AnswerAfter': 0, 'CallHandlingMode': [], 'CurrentGroupHours': 'Default', 'CustomOperator': None, 'GloballyVisible': False,
        'HasMembers': False, 'LastLoginTime': None, 'MusicOnHold': None, 'OverrideExpiresAt': None, 'OverrideHolidays': False,
        'TranscriptionMode': 'Inherit', 'ClickToCallId': None, 'CallUsEnableChat': False, 'CallUsEnablePhone': False,
        'CallUsEnableVideo': False, 'CallUsRequirement': 'Both', 'BreakTime': None, 'Hours': None,
        'OfficeRoute': empty_route(), 'OutOfOfficeRoute': empty_route(), 'BreakRoute': empty_route(), 'HolidaysRoute': empty_route(),
        'Props': {
            'SystemNumberFrom': None, 'SystemNumberTo': None, 'UserNumberFrom': None, 'UserNumberTo': None,
            'TrunkNumberFrom': None, 'TrunkNumberTo': None, 'LiveChatMaxCount': 0, 'PersonalContactsMaxCount': 0,
            'PromptsMaxCount': 0, 'DectMaxCount': 0, 'DepartmentContactsMaxCount': 0, 'OutboundRulesMaxCount': 0,
            'SbcMaxCount': 0, 'TrunksMaxCount': 0, 'Fqdn': None, 'ResellerId': None, 'ResellerName': None, 'StartupLicense': None,
            'StartupOwnerEmail': None, 'SubcriptionExpireDate': None, 'Subscription': None, 'SubscriptionType': None,
        },
    }


def new_parking_defaults():
    """Every plain property of a fresh ``Pbx.Parking``."""
    return {'Id': 0, 'Number': None, 'TranscriptionMode': 'Inherit'}


def new_weblink_defaults():
    """Every plain property of a fresh ``Pbx.Weblink``."""
    return {
        'Id': 0, 'Link': '', 'Name': '', 'Group': None, 'Website': [], 'ChatEnabled': True, 'CallsEnabled': True,
        'MeetingEnabled': False, 'DefaultRecord': False, 'Hidden': False, 'EnableReCaptcha': False,
        'General': {'Greeting': 'DesktopAndMobile', 'Authentication': 'None', 'AllowSoundNotifications': True,
                    'DisableOfflineMessages': False, 'EnableOnMobile': True, 'GdprEnabled': False, 'EnableGA': False},
        'Advanced': {'CommunicationOptions': 'PhoneAndChat', 'EnableDirectCall': True, 'CallTitle': '', 'IgnoreQueueOwnership': False},
        'Styling': {'Animation': 'NoAnimation', 'Minimized': True, 'Style': None, 'UseRubik': False},
        'ChatBox': {'ButtonIconType': 'Default', 'ButtonIconUrl': None, 'ChatDelay': 2000, 'Height': None, 'LiveChatLanguage': 'browser',
                    'LiveMessageUserinfoFormat': 'Avatar', 'MessageDateformat': 'Both', 'MinimizedStyle': 'BubbleRight',
                    'OperatorIcon': None, 'OperatorName': 'Support', 'ShowOperatorActualName': True, 'WindowIcon': None},
        'Translations': {'GreetingMessage': None, 'StartChatButtonText': None, 'UnavailableMessage': None},
    }


def default_department(user_range):
    """The system department ``DEFAULT`` (``GRP0000``)."""
    group = new_group_defaults()
    group.update({'Id': 1, 'Number': 'GRP0000', 'Name': 'DEFAULT', 'IsDefault': True})
    group['Props'].update({'UserNumberFrom': str(user_range[0]), 'UserNumberTo': str(user_range[1]),
                           'SystemNumberFrom': '800', 'SystemNumberTo': '899', 'LiveChatMaxCount': 20,
                           'PersonalContactsMaxCount': 500, 'PromptsMaxCount': 10})
    return group
